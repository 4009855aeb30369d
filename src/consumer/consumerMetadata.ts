/**
 * A consumer's view of where partitions live: partition counts and leaders with their epochs,
 * learned by MetadataRequest from one bootstrap broker at a time (the next one when a request
 * times out), and refreshed when a fetch says the view is stale. A broker with older metadata
 * must not move the view back, so per partition the higher leader epoch wins (KIP-320).
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import { mergeByLeaderEpoch } from "../protocol/mergeByLeaderEpoch";
import type { MetadataRequest, MetadataResponse, PartitionMetadata } from "../protocol/dataMessages";
import type { RequestTracker } from "./requestTracker";

/** Distinct callbacks waiting for the next answer: one per activity that waits (more are dropped, traced). */
const WAITERS_MAX = 16;

export interface MetadataOptions {
  readonly brokerIds: readonly string[];
  readonly requestTimeoutMs: number;
  readonly retryBackoffMs: number;
}

export class ConsumerMetadata {
  private readonly partitions = new Map<string, PartitionMetadata[]>();
  private readonly topics: Set<string>;
  private brokerIndex: number;
  private inFlight = false;
  private backoffTimer: TimerHandle | undefined;
  private lastRequestUs = -Infinity;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly tracker: RequestTracker,
    private readonly options: MetadataOptions,
    topics: readonly string[],
  ) {
    this.topics = new Set(topics);
    this.brokerIndex = ctx.rng.int(0, options.brokerIds.length - 1);
  }

  partitionCount(topic: string): number | undefined {
    return this.partitions.get(topic)?.length;
  }

  partitionsOf(topic: string): readonly PartitionMetadata[] {
    return this.partitions.get(topic) ?? [];
  }

  leaderOf(topic: string, partition: number): PartitionMetadata | undefined {
    return this.partitions.get(topic)?.[partition];
  }

  /** Topics other members subscribe to, which a group leader must know to assign. */
  addTopics(topics: readonly string[]): void {
    for (const topic of topics) this.topics.add(topic);
  }

  /**
   * Asks for fresh metadata (at most one request out, none sooner than retry.backoff.ms after the
   * last); `then` runs on the answer. Pass the same function each time to wait once.
   */
  refresh(then?: () => void): void {
    if (then !== undefined && !this.waiters.includes(then)) {
      if (this.waiters.length < WAITERS_MAX) this.waiters.push(then);
      else this.ctx.trace("metadata-waiters-full", { waitersMax: WAITERS_MAX });
    }
    if (this.inFlight || this.backoffTimer !== undefined) return;
    const waitMs = this.options.retryBackoffMs - (this.ctx.now() - this.lastRequestUs) / 1000;
    if (waitMs > 0) {
      this.backoffTimer = this.ctx.setTimer(waitMs, () => {
        this.backoffTimer = undefined;
        this.send();
      });
      return;
    }
    this.send();
  }

  private send(): void {
    const broker = this.options.brokerIds[this.brokerIndex % this.options.brokerIds.length]!;
    const topics = [...this.topics].sort();
    this.inFlight = true;
    this.lastRequestUs = this.ctx.now();
    this.tracker.send<MetadataResponse>(
      broker,
      (correlationId): MetadataRequest => ({ type: "MetadataRequest", correlationId, topics }),
      "MetadataResponse",
      this.options.requestTimeoutMs,
      (response) => this.onResponse(response),
      () => this.onTimeout(),
    );
  }

  private onResponse(response: MetadataResponse): void {
    this.inFlight = false;
    for (const topic of response.topics) if (topic.error === "NONE") this.merge(topic.name, topic.partitions);
    // A broker that does not know a topic (not registered yet, or cut off) is no help: ask another next time.
    if (response.topics.some((topic) => topic.error !== "NONE")) this.brokerIndex++;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  private onTimeout(): void {
    this.inFlight = false;
    this.brokerIndex++; // that broker did not answer: ask the next one
    this.refresh();
  }

  private merge(topic: string, fresh: readonly PartitionMetadata[]): void {
    this.partitions.set(topic, mergeByLeaderEpoch(this.partitions.get(topic) ?? [], fresh));
  }
}
