/**
 * A client's view of the cluster: partition counts and leaders, learned with MetadataRequest from
 * one bootstrap broker at a time (rotating when one does not answer), refreshed on errors and every
 * metadata.max.age.ms.
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import { CorrelationIds } from "../protocol/correlationIds";
import { mergeByLeaderEpoch } from "../protocol/mergeByLeaderEpoch";
import type { MetadataRequest, MetadataResponse, PartitionMetadata } from "../protocol/dataMessages";

export class ClientMetadata {
  private readonly partitions = new Map<string, PartitionMetadata[]>();
  private brokerIndex: number;
  private inFlight: { correlationId: number; timer: TimerHandle; broker: string } | undefined;
  private lastRefreshUs = -Infinity;
  private readonly correlationIds: CorrelationIds;

  constructor(
    private readonly ctx: NodeContext,
    private readonly brokers: readonly string[],
    private readonly topics: readonly string[],
    private readonly requestTimeoutMs: number,
    private readonly retryBackoffMs: number,
    private readonly onUpdate: () => void,
    /** Our request to `broker` timed out: the client closes that connection (and calls onDisconnect). */
    private readonly onTimeout: (broker: string) => void,
  ) {
    this.brokerIndex = ctx.rng.int(0, brokers.length - 1);
    this.correlationIds = new CorrelationIds(ctx.rng);
  }

  partitionCount(topic: string): number | undefined {
    return this.partitions.get(topic)?.length;
  }

  leaderOf(topic: string, partition: number): { leader: string | null; leaderEpoch: number } | undefined {
    const metadata = this.partitions.get(topic)?.[partition];
    return metadata === undefined ? undefined : { leader: metadata.leader, leaderEpoch: metadata.leaderEpoch };
  }

  /** Asks for fresh metadata unless a request is already out or one was made within the backoff. */
  refresh(): void {
    if (this.inFlight !== undefined) return;
    const sinceMs = (this.ctx.now() - this.lastRefreshUs) / 1000;
    if (sinceMs < this.retryBackoffMs) {
      this.inFlight = { correlationId: -1, broker: "", timer: this.ctx.setTimer(this.retryBackoffMs - sinceMs, () => this.resend()) };
      return;
    }
    this.send();
  }

  onResponse(response: MetadataResponse): boolean {
    if (this.inFlight?.correlationId !== response.correlationId) return false;
    this.ctx.cancelTimer(this.inFlight.timer);
    this.inFlight = undefined;
    for (const topic of response.topics) if (topic.error === "NONE") this.merge(topic.name, topic.partitions);
    this.onUpdate();
    return true;
  }

  /** The connection to the broker we asked is gone (closed, or timed out): ask the next one now. */
  onDisconnect(broker: string): void {
    if (this.inFlight === undefined || this.inFlight.broker !== broker) return;
    this.ctx.cancelTimer(this.inFlight.timer);
    this.brokerIndex++;
    this.resend();
  }

  private merge(topic: string, fresh: readonly PartitionMetadata[]): void {
    this.partitions.set(topic, mergeByLeaderEpoch(this.partitions.get(topic) ?? [], fresh));
  }

  private resend(): void {
    this.inFlight = undefined;
    this.send();
  }

  private send(): void {
    const correlationId = this.correlationIds.take();
    const broker = this.brokers[this.brokerIndex % this.brokers.length]!;
    const request: MetadataRequest = { type: "MetadataRequest", correlationId, topics: this.topics };
    this.lastRefreshUs = this.ctx.now();
    this.ctx.send(broker, request);
    const timer = this.ctx.setTimer(this.requestTimeoutMs, () => this.onTimeout(broker));
    this.inFlight = { correlationId, timer, broker };
  }
}
