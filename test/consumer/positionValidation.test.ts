/**
 * KIP-320 position validation, at the fetcher: an OffsetsForLeaderEpoch answer counts only while
 * the position still awaits validation under the leader it was asked of. Kafka's
 * SubscriptionState.maybeCompleteValidation skips an answer once the position (offset, epoch of
 * the record before it, current leader) is no longer the one the request was sent for.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONSUMER_CONFIG } from "../../src/config/consumerConfig";
import { ConsumerMetadata } from "../../src/consumer/consumerMetadata";
import { Fetcher } from "../../src/consumer/fetcher";
import { RequestTracker } from "../../src/consumer/requestTracker";
import type { TopicPartition } from "../../src/history/types";
import type { Message, NodeContext, SimNode } from "../../src/kernel/node";
import { Simulator } from "../../src/kernel/simulator";
import { msToMicros } from "../../src/kernel/time";
import type {
  FetchRequest,
  FetchResponse,
  MetadataRequest,
  MetadataResponse,
  OffsetsForLeaderEpochRequest,
  OffsetsForLeaderEpochResponse,
} from "../../src/protocol/dataMessages";
import type { RecordBatch } from "../../src/storage/recordBatch";

const ORDERS_0: TopicPartition = { topic: "orders", partition: 0 };

/** What every broker's metadata says of orders-0, changed by the test. */
interface ClusterView {
  leader: string;
  leaderEpoch: number;
}

/** Where this broker's log says the asked epoch ends, and how long it takes to say so. */
interface EpochAnswer {
  readonly leaderEpoch: number;
  readonly endOffset: number;
  readonly delayMs: number;
}

/**
 * A broker that answers metadata from the shared view, validations as scripted, and fetches with
 * `firstFetchBatches` the first time (after `maxWaitMs` when there are none), then with nothing.
 */
class ScriptedBroker implements SimNode {
  constructor(
    private readonly ctx: NodeContext,
    private readonly view: ClusterView,
    private readonly epochAnswer: EpochAnswer,
    private readonly fetchOffsets: number[],
    private firstFetchBatches: RecordBatch[] = [],
  ) {}

  start(): void {}

  onMessage(from: string, message: Message): void {
    if (message.type === "MetadataRequest") {
      const request = message as MetadataRequest;
      const { leader, leaderEpoch } = this.view;
      const partition = { ...ORDERS_0, error: "NONE" as const, leader, leaderEpoch, replicas: ["b1", "b2"], isr: [leader] };
      const response: MetadataResponse = {
        type: "MetadataResponse",
        correlationId: request.correlationId,
        brokers: ["b1", "b2"],
        topics: [{ name: "orders", error: "NONE", partitions: [partition] }],
      };
      this.ctx.send(from, response);
    } else if (message.type === "OffsetsForLeaderEpochRequest") {
      const request = message as OffsetsForLeaderEpochRequest;
      const { leaderEpoch, endOffset, delayMs } = this.epochAnswer;
      const response: OffsetsForLeaderEpochResponse = {
        type: "OffsetsForLeaderEpochResponse",
        correlationId: request.correlationId,
        partitions: request.partitions.map((p) => ({ topic: p.topic, partition: p.partition, error: "NONE", leaderEpoch, endOffset })),
      };
      this.ctx.setTimer(delayMs, () => this.ctx.send(from, response));
    } else if (message.type === "FetchRequest") {
      const request = message as FetchRequest;
      for (const p of request.partitions) this.fetchOffsets.push(p.fetchOffset);
      const response: FetchResponse = {
        type: "FetchResponse",
        correlationId: request.correlationId,
        partitions: request.partitions.map((p) => ({
          topic: p.topic,
          partition: p.partition,
          error: "NONE",
          highWatermark: 10,
          logStartOffset: 0,
          logEndOffset: 10,
          batches: this.firstFetchBatches,
        })),
      };
      const waitMs = this.firstFetchBatches.length > 0 ? 0 : request.maxWaitMs;
      this.firstFetchBatches = [];
      this.ctx.setTimer(waitMs, () => this.ctx.send(from, response));
    }
  }
}

/** A consumer's fetcher alone: orders-0 resumes at offset 5, committed with leader epoch 5. */
class FetchingClient implements SimNode {
  readonly truncations: (number | null)[] = [];
  readonly tracker: RequestTracker;
  readonly metadata: ConsumerMetadata;
  readonly fetcher: Fetcher;
  private readonly sendFetches = (): void => this.fetcher.sendFetches();

  constructor(ctx: NodeContext) {
    const config = DEFAULT_CONSUMER_CONFIG;
    this.tracker = new RequestTracker(ctx, 16);
    this.metadata = new ConsumerMetadata(ctx, this.tracker, { brokerIds: ["b1", "b2"], requestTimeoutMs: config.requestTimeoutMs, retryBackoffMs: config.retryBackoffMs }, ["orders"]);
    this.fetcher = new Fetcher(ctx, this.tracker, this.metadata, config, {
      onFetchDone: this.sendFetches,
      onOutOfRange: () => this.truncations.push(-1),
      onTruncated: (_tp, offset) => this.truncations.push(offset),
    });
  }

  start(): void {
    this.metadata.refresh(() => {
      this.fetcher.assign([ORDERS_0]);
      this.fetcher.seek(ORDERS_0, 5, 5);
      this.fetcher.sendFetches();
    });
  }

  /** The leader moved: learn it, and fetch (or validate) on. */
  leaderMoved(): void {
    this.metadata.refresh(this.sendFetches);
  }

  onMessage(_from: string, message: Message): void {
    this.tracker.deliver(message);
  }
}

describe("KIP-320: a validation answer from a leader no longer current", () => {
  it("is skipped once the new leader has validated the position: the position stays", () => {
    const sim = new Simulator({ seed: "stale-validation", network: { link: { latencyMinMs: 5, latencyMaxMs: 5, loss: 0, duplicate: 0 }, fifo: true } });
    const view: ClusterView = { leader: "b1", leaderEpoch: 6 };
    const fetchOffsets: number[] = [];
    // b1 (epoch 6) answers late that epoch 4 ends at 0 there: a log that diverged below offset 5.
    sim.addNode("b1", (ctx) => new ScriptedBroker(ctx, view, { leaderEpoch: 4, endOffset: 0, delayMs: 300 }, fetchOffsets));
    // b2 (epoch 7) holds epoch 5 up to offset 10: the position is fine there.
    sim.addNode("b2", (ctx) => new ScriptedBroker(ctx, view, { leaderEpoch: 5, endOffset: 10, delayMs: 0 }, fetchOffsets));
    sim.addNode("client", (ctx) => new FetchingClient(ctx));
    for (const id of ["b1", "b2", "client"]) sim.start(id);
    const client = (): FetchingClient => sim.nodeOf("client") as FetchingClient;
    sim.at(msToMicros(50), () => {
      view.leader = "b2";
      view.leaderEpoch = 7;
      client().leaderMoved();
    });
    sim.runUntil(msToMicros(200));
    // b2 validated the position and the consumer fetches from it at offset 5.
    expect(fetchOffsets).toEqual([5]);
    sim.runUntil(msToMicros(2000));
    // b1's answer (at ~315 ms) is about a leader the consumer has left: nothing moves.
    expect(client().truncations).toEqual([]);
    expect(client().fetcher.position(ORDERS_0)).toBe(5);
    expect(new Set(fetchOffsets)).toEqual(new Set([5]));
  });
});

describe("KIP-320: records fetched from a leader no longer current", () => {
  it("are dropped, not returned, once a newer leader is known: the position is validated and fetched again", () => {
    const sim = new Simulator({ seed: "buffered-validation", network: { link: { latencyMinMs: 5, latencyMaxMs: 5, loss: 0, duplicate: 0 }, fifo: true } });
    const view: ClusterView = { leader: "b1", leaderEpoch: 5 };
    const fetchOffsets: number[] = [];
    // b1 (epoch 5) confirms the position and serves offsets 5..9, written in epoch 5.
    const batch: RecordBatch = {
      baseOffset: 5,
      leaderEpoch: 5,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      records: [5, 6, 7, 8, 9].map((n) => ({ key: null, value: `v${n}` })),
    };
    sim.addNode("b1", (ctx) => new ScriptedBroker(ctx, view, { leaderEpoch: 5, endOffset: 10, delayMs: 0 }, fetchOffsets, [batch]));
    // b2 (epoch 6, after an unclean election) holds epoch 5 only below offset 7.
    sim.addNode("b2", (ctx) => new ScriptedBroker(ctx, view, { leaderEpoch: 5, endOffset: 7, delayMs: 0 }, fetchOffsets));
    sim.addNode("client", (ctx) => new FetchingClient(ctx));
    for (const id of ["b1", "b2", "client"]) sim.start(id);
    const client = (): FetchingClient => sim.nodeOf("client") as FetchingClient;
    sim.runUntil(msToMicros(100));
    expect(client().fetcher.take(2).map((r) => r.offset)).toEqual([5, 6]);
    view.leader = "b2";
    view.leaderEpoch = 6;
    client().leaderMoved();
    sim.runUntil(msToMicros(200));
    // Offsets 7..9 came from b1 under epoch 5, and b2 does not hold them: none is returned.
    expect(client().fetcher.take(10)).toEqual([]);
    client().fetcher.sendFetches();
    sim.runUntil(msToMicros(400));
    // b2 confirms position 7, and the consumer fetches it again there.
    expect(client().truncations).toEqual([]);
    expect(client().fetcher.position(ORDERS_0)).toBe(7);
    expect(fetchOffsets).toEqual([5, 7]);
  });
});
