/**
 * The follower side of replication: one fetch session per leader broker (Kafka's
 * ReplicaFetcherThread), sending Fetch(fetchOffset = LEO, lastFetchedEpoch, currentLeaderEpoch)
 * for every partition it follows there, appending what comes back, truncating by leader epoch on
 * a diverging-epoch answer, and fetching again at once.
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import type { FetchPartition, FetchPartitionResult, FetchRequest, FetchResponse } from "../protocol/dataMessages";
import { partitionKey } from "../protocol/metadata";
import type { BrokerDisk } from "../storage/brokerDisk";
import type { BrokerSettings } from "./brokerSettings";
import type { Partition } from "./partition";
import type { ReplicaManager } from "./replicaManager";

interface FetchSession {
  readonly leader: string;
  readonly partitions: Set<string>;
  inFlightCorrelationId: number | undefined;
  timer: TimerHandle | undefined;
}

export class ReplicaFetcher {
  private readonly sessions = new Map<string, FetchSession>();
  private nextCorrelationId = 1;

  constructor(
    private readonly ctx: NodeContext<BrokerDisk>,
    private readonly settings: BrokerSettings,
    private readonly replicas: ReplicaManager,
    private readonly brokerEpoch: () => number,
  ) {}

  /** Follow `name` from `leader` (null: stop following it). */
  follow(name: string, leader: string | null): void {
    for (const session of this.sessions.values()) session.partitions.delete(name);
    if (leader === null) return;
    let session = this.sessions.get(leader);
    if (session === undefined) {
      session = { leader, partitions: new Set(), inFlightCorrelationId: undefined, timer: undefined };
      this.sessions.set(leader, session);
    }
    session.partitions.add(name);
    if (session.inFlightCorrelationId === undefined && session.timer === undefined) this.sendFetch(session);
  }

  onFetchResponse(from: string, response: FetchResponse): void {
    const session = this.sessions.get(from);
    if (session === undefined || session.inFlightCorrelationId !== response.correlationId) return; // stale
    session.inFlightCorrelationId = undefined;
    this.ctx.cancelTimer(session.timer);
    session.timer = undefined;
    let backOff = false;
    for (const result of response.partitions) {
      const partition = this.replicas.partitions.get(partitionKey(result.topic, result.partition));
      if (partition === undefined || partition.role !== "follower" || partition.leader !== from) continue;
      if (!this.applyResult(partition, result)) backOff = true;
    }
    if (backOff) this.retryLater(session);
    else this.sendFetch(session);
  }

  /** The leader's connection closed: the fetch in flight is lost; try again after the backoff. */
  onDisconnect(leader: string): void {
    const session = this.sessions.get(leader);
    if (session === undefined || session.inFlightCorrelationId === undefined) return;
    session.inFlightCorrelationId = undefined;
    this.ctx.cancelTimer(session.timer);
    this.retryLater(session);
  }

  private sendFetch(session: FetchSession): void {
    const partitions: FetchPartition[] = [];
    const legacy = this.settings.replicationTruncation === "high-watermark";
    for (const name of session.partitions) {
      const partition = this.replicas.partitions.get(name);
      if (partition === undefined || partition.role !== "follower" || partition.leader !== session.leader) continue;
      partitions.push({
        topic: partition.topic,
        partition: partition.index,
        fetchOffset: partition.logEndOffset,
        // Before KIP-101 a follower sent no epoch: the leader could not tell it diverged.
        lastFetchedEpoch: legacy ? -1 : partition.lastFetchedEpoch(),
        currentLeaderEpoch: partition.leaderEpoch,
      });
    }
    if (partitions.length === 0) return;
    const correlationId = this.nextCorrelationId++;
    const request: FetchRequest = {
      type: "FetchRequest",
      correlationId,
      replicaId: this.settings.brokerId,
      brokerEpoch: this.brokerEpoch(),
      maxWaitMs: this.settings.replicaFetchWaitMaxMs,
      minBytes: 1,
      maxBytes: this.settings.replicaFetchMaxBytes,
      partitions,
    };
    session.inFlightCorrelationId = correlationId;
    this.ctx.send(session.leader, request);
    // No answer within the socket timeout: the connection is presumed dead; fetch again.
    session.timer = this.ctx.setTimer(this.settings.replicaSocketTimeoutMs + this.settings.replicaFetchWaitMaxMs, () => {
      session.timer = undefined;
      session.inFlightCorrelationId = undefined;
      this.sendFetch(session);
    });
  }

  private retryLater(session: FetchSession): void {
    session.timer = this.ctx.setTimer(this.settings.replicaFetchBackoffMs, () => {
      session.timer = undefined;
      this.sendFetch(session);
    });
  }

  /** Applies one partition's answer; false when the fetcher should back off before the next fetch. */
  private applyResult(partition: Partition, result: FetchPartitionResult): boolean {
    const nowUs = this.ctx.now();
    if (result.error === "OFFSET_OUT_OF_RANGE") {
      if (partition.logEndOffset < result.logStartOffset) {
        partition.truncateFullyAndStartAt(result.logStartOffset, nowUs);
        this.ctx.trace("truncate", { partition: partition.name, toOffset: result.logStartOffset, reason: "below leader log start" });
      } else {
        this.replicas.truncate(partition, result.logEndOffset, "follower ahead of the leader's log end");
      }
      return true;
    }
    if (result.error !== "NONE") return false;
    if (result.divergingEpoch !== undefined) {
      const own = partition.endOffsetForEpoch(result.divergingEpoch.epoch);
      const target = result.divergingEpoch.epoch < 0
        ? Math.min(partition.highWatermark, partition.logEndOffset)
        : Math.min(result.divergingEpoch.endOffset, own.endOffset);
      this.replicas.truncate(partition, Math.max(target, partition.log.logStartOffset), `diverging epoch ${result.divergingEpoch.epoch}`);
      return true;
    }
    if (result.batches.length > 0) partition.appendAsFollower(result.batches, nowUs);
    if (partition.updateFollowerHighWatermark(result.highWatermark)) this.replicas.onHighWatermarkChanged(partition);
    return true;
  }
}
