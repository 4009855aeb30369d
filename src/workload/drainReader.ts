/**
 * The final drain (node `drain`): started once producers have stopped and faults are healed, it
 * reads every partition of the given topics from the log start to the end, from each partition's
 * leader as metadata names it, retrying through errors until its deadline. Each read is a `PollOk`
 * with `drain: true` in the history: together they are the final log the checkers judge against.
 *
 * A partition is complete when the drain has read up to the leader's high watermark and that
 * high watermark equals the leader's log end offset — nothing is left that could still commit.
 * The drain stops once every partition is complete (it has converged) or at its deadline.
 */
import type { HistoryRecorder } from "../history/recorder";
import type { OffsetAt, ReadRecord } from "../history/types";
import { type ConnectionClosed, CONNECTION_CLOSED_MESSAGE, type Message, type NodeContext, type SimNode } from "../kernel/node";
import { closedChannel } from "../protocol/connectionChannel";
import type { Micros } from "../kernel/time";
import type { FetchPartitionResult, FetchRequest, FetchResponse } from "../protocol/dataMessages";
import { partitionKey } from "../protocol/metadata";
import { ConsumerMetadata } from "../consumer/consumerMetadata";
import { RequestTracker } from "../consumer/requestTracker";

export const DRAIN_NODE_ID = "drain";

/** How often a complete partition is read again, in case something landed after. */
const RECHECK_INTERVAL_MS = 250;

export interface DrainSettings {
  readonly topics: readonly string[];
  readonly brokerIds: readonly string[];
  /** Give up (leaving some partitions incomplete) at this time. */
  readonly deadlineUs: Micros;
  readonly requestTimeoutMs: number;
  /** Pause before asking again after an error or an incomplete read. */
  readonly retryBackoffMs: number;
  readonly fetchMaxBytes: number;
}

interface DrainPartition {
  readonly topic: string;
  readonly partition: number;
  position: number;
  /** As the leader last reported them. */
  highWatermark: number;
  logEndOffset: number;
  complete: boolean;
  fetching: boolean;
}

/** Fetches out at once: one per partition at most. */
const IN_FLIGHT_MAX = 4096;

export class DrainReader implements SimNode {
  private readonly tracker: RequestTracker;
  private readonly metadata: ConsumerMetadata;
  private readonly partitions = new Map<string, DrainPartition>();
  private discovered = false;

  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly settings: DrainSettings,
    private readonly recorder: HistoryRecorder,
  ) {
    this.tracker = new RequestTracker(ctx, IN_FLIGHT_MAX);
    const { brokerIds, requestTimeoutMs, retryBackoffMs } = settings;
    this.metadata = new ConsumerMetadata(
      ctx,
      this.tracker,
      { brokerIds, requestTimeoutMs, retryBackoffMs },
      settings.topics,
    );
  }

  start(): void {
    this.discover();
  }

  onMessage(from: string, message: Message): void {
    if (message.type === CONNECTION_CLOSED_MESSAGE.type) return this.tracker.disconnect(from, closedChannel(message as ConnectionClosed));
    this.tracker.deliver(message);
  }

  /** Every partition was read to a high watermark equal to its leader's log end. */
  get converged(): boolean {
    return this.discovered && [...this.partitions.values()].every((p) => p.complete);
  }

  /** Partitions ("orders-2") read to the end: their final log is fully known. */
  drainComplete(): Set<string> {
    const complete = new Set<string>();
    for (const [name, p] of this.partitions) if (p.complete) complete.add(name);
    return complete;
  }

  /** Each known partition's end as its leader last reported it (its high watermark); final for complete ones. */
  endOffsets(): OffsetAt[] {
    return [...this.partitions.values()].map((p) => ({
      topic: p.topic,
      partition: p.partition,
      offset: p.highWatermark,
    }));
  }

  private get pastDeadline(): boolean {
    return this.ctx.now() >= this.settings.deadlineUs;
  }

  /** Learns every partition of the topics (retrying until metadata knows them all). */
  private discover(): void {
    if (this.pastDeadline) return;
    this.metadata.refresh(() => {
      const counts = this.settings.topics.map((topic) => this.metadata.partitionCount(topic));
      if (counts.some((count) => count === undefined)) return this.later(() => this.discover());
      this.settings.topics.forEach((topic, i) => {
        for (let partition = 0; partition < counts[i]!; partition++) this.track(topic, partition);
      });
      this.discovered = true;
      this.fetchAll();
    });
  }

  private track(topic: string, partition: number): void {
    const name = partitionKey(topic, partition);
    if (this.partitions.has(name)) return;
    this.partitions.set(name, {
      topic,
      partition,
      position: 0,
      highWatermark: -1,
      logEndOffset: -1,
      complete: false,
      fetching: false,
    });
  }

  private fetchAll(): void {
    for (const p of this.partitions.values()) if (!p.complete && !p.fetching) this.fetch(p);
  }

  private fetch(p: DrainPartition): void {
    if (this.pastDeadline) return;
    const leader = this.metadata.leaderOf(p.topic, p.partition);
    if (leader?.leader == null) return this.retry(p, true);
    p.fetching = true;
    const fetchOffset = p.position;
    this.tracker.send<FetchResponse>(
      leader.leader,
      (correlationId): FetchRequest => ({
        type: "FetchRequest",
        correlationId,
        replicaId: null,
        brokerEpoch: -1,
        maxWaitMs: 0,
        minBytes: 1,
        maxBytes: this.settings.fetchMaxBytes,
        partitions: [
          {
            topic: p.topic,
            partition: p.partition,
            fetchOffset,
            lastFetchedEpoch: -1,
            currentLeaderEpoch: leader.leaderEpoch,
          },
        ],
      }),
      "FetchResponse",
      this.settings.requestTimeoutMs,
      (response) => this.onResponse(p, fetchOffset, response.partitions[0]),
      () => this.retry(p, true),
    );
  }

  private onResponse(p: DrainPartition, fetchOffset: number, result: FetchPartitionResult | undefined): void {
    p.fetching = false;
    if (result === undefined) return this.retry(p, true);
    if (result.error === "OFFSET_OUT_OF_RANGE") {
      // Below the log start (retention), or above the end (the log was truncated under us): start over from there.
      p.position =
        fetchOffset < result.logStartOffset
          ? result.logStartOffset
          : Math.min(p.position, result.highWatermark);
      return this.fetch(p);
    }
    if (result.error !== "NONE") return this.retry(p, true);
    p.highWatermark = result.highWatermark;
    p.logEndOffset = result.logEndOffset;
    this.recordRead(p, fetchOffset, result);
    p.complete = p.position >= p.highWatermark && p.highWatermark === p.logEndOffset;
    if (p.complete) {
      this.noteIfConverged();
      // A late retry can still land after this: keep looking until the deadline.
      if (!this.pastDeadline) this.ctx.setTimer(RECHECK_INTERVAL_MS, () => !p.fetching && this.fetch(p));
      return;
    }
    // More to read now, or the high watermark has yet to reach the log end: ask again.
    if (p.position < p.highWatermark) this.fetch(p);
    else this.retry(p, false);
  }

  private recordRead(p: DrainPartition, fetchOffset: number, result: FetchPartitionResult): void {
    const records: ReadRecord[] = [];
    for (const batch of result.batches) {
      // A batch can start below the fetch offset: its records there were read before.
      for (let i = Math.max(0, fetchOffset - batch.baseOffset); i < batch.records.length; i++) {
        const record = batch.records[i]!;
        records.push({
          topic: p.topic,
          partition: p.partition,
          offset: batch.baseOffset + i,
          key: record.key,
          value: record.value,
        });
      }
    }
    const last = records[records.length - 1];
    if (last === undefined) return;
    p.position = last.offset + 1;
    const id = this.recorder.newOpId();
    this.recorder.record({ f: "poll", type: "invoke", client: this.ctx.id, id, group: "drain" });
    this.recorder.record({
      f: "poll",
      type: "ok",
      client: this.ctx.id,
      id,
      group: "drain",
      generation: -1,
      drain: true,
      records,
    });
  }

  private retry(p: DrainPartition, refreshMetadata: boolean): void {
    p.fetching = false;
    if (refreshMetadata) this.metadata.refresh();
    this.later(() => {
      if (!p.complete && !p.fetching) this.fetch(p);
    });
  }

  private later(action: () => void): void {
    if (!this.pastDeadline) this.ctx.setTimer(this.settings.retryBackoffMs, action);
  }

  private noteIfConverged(): void {
    if (this.converged) this.ctx.trace("drain-converged", { partitions: this.partitions.size });
  }
}
