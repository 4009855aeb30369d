/**
 * The follower side of replication: one fetcher per leader broker (Kafka's ReplicaFetcherThread),
 * fetching (fetchOffset = LEO, lastFetchedEpoch, currentLeaderEpoch) for every partition it
 * follows there, appending what comes back, truncating by leader epoch on a diverging-epoch
 * answer, and fetching again at once. Fetches go through a KIP-227 incremental session: after the
 * first (full) fetch only partitions whose position changed are listed; any session error, lost
 * answer or timeout starts over with a full fetch.
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import type { FetchPartition, FetchPartitionResult, FetchRequest, FetchResponse } from "../protocol/dataMessages";
import { INITIAL_SESSION_EPOCH } from "../protocol/dataMessages";
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
  /** The leader's id for the incremental session (meaningful once nextEpoch > 0). */
  sessionId: number;
  /** The epoch of the next fetch; INITIAL_SESSION_EPOCH means a full fetch opening a session. */
  nextEpoch: number;
  /** What the leader's session holds for each partition, as of the last fetch sent. */
  sent: Map<string, FetchPartition>;
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
      session = {
        leader,
        partitions: new Set(),
        inFlightCorrelationId: undefined,
        timer: undefined,
        sessionId: 0,
        nextEpoch: INITIAL_SESSION_EPOCH,
        sent: new Map(),
      };
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
    if (response.error !== undefined) {
      this.ctx.trace("fetch-session-reset", { leader: from, error: response.error });
      restartSession(session);
      this.retryLater(session);
      return;
    }
    if (session.nextEpoch === INITIAL_SESSION_EPOCH) session.sessionId = response.sessionId ?? 0;
    session.nextEpoch++;
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
    restartSession(session);
    this.retryLater(session);
  }

  private sendFetch(session: FetchSession): void {
    const wanted = this.fetchPositions(session);
    if (wanted.size === 0) {
      restartSession(session); // nothing followed there: the next fetch opens a new session
      return;
    }
    const full = session.nextEpoch === INITIAL_SESSION_EPOCH;
    const listed: FetchPartition[] = [];
    for (const [name, fetch] of wanted) if (full || session.sent.get(name) !== fetch) listed.push(fetch);
    const forgotten: FetchPartition[] = [];
    if (!full) for (const [name, fetch] of session.sent) if (!wanted.has(name)) forgotten.push(fetch);
    session.sent = wanted;
    const correlationId = this.nextCorrelationId++;
    const request: FetchRequest = {
      type: "FetchRequest",
      correlationId,
      replicaId: this.settings.brokerId,
      brokerEpoch: this.brokerEpoch(),
      maxWaitMs: this.settings.replicaFetchWaitMaxMs,
      minBytes: 1,
      maxBytes: this.settings.replicaFetchMaxBytes,
      session: {
        sessionId: full ? 0 : session.sessionId,
        sessionEpoch: session.nextEpoch,
        forgotten: forgotten.map((p) => ({ topic: p.topic, partition: p.partition })),
      },
      partitions: listed,
    };
    session.inFlightCorrelationId = correlationId;
    this.ctx.send(session.leader, request);
    // No answer within the socket timeout: the connection is presumed dead; fetch again.
    session.timer = this.ctx.setTimer(this.settings.replicaSocketTimeoutMs + this.settings.replicaFetchWaitMaxMs, () => {
      session.timer = undefined;
      session.inFlightCorrelationId = undefined;
      restartSession(session);
      this.sendFetch(session);
    });
  }

  /**
   * The position to fetch from for every partition still followed on this leader. An unchanged
   * position is the very object sent before, so the caller can tell what changed by identity.
   */
  private fetchPositions(session: FetchSession): Map<string, FetchPartition> {
    const wanted = new Map<string, FetchPartition>();
    const legacy = this.settings.replicationTruncation === "high-watermark";
    for (const name of session.partitions) {
      const partition = this.replicas.partitions.get(name);
      if (partition === undefined || partition.role !== "follower" || partition.leader !== session.leader) continue;
      const fetchOffset = partition.logEndOffset;
      // Before KIP-101 a follower sent no epoch: the leader could not tell it diverged.
      const lastFetchedEpoch = legacy ? -1 : partition.lastFetchedEpoch();
      const currentLeaderEpoch = partition.leaderEpoch;
      const before = session.sent.get(name);
      const same =
        before !== undefined &&
        before.fetchOffset === fetchOffset &&
        before.lastFetchedEpoch === lastFetchedEpoch &&
        before.currentLeaderEpoch === currentLeaderEpoch;
      wanted.set(name, same ? before : { topic: partition.topic, partition: partition.index, fetchOffset, lastFetchedEpoch, currentLeaderEpoch });
    }
    return wanted;
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

/** Forget the leader's session: the next fetch is a full one that opens a new session. */
function restartSession(session: FetchSession): void {
  session.sessionId = 0;
  session.nextEpoch = INITIAL_SESSION_EPOCH;
  session.sent = new Map();
}
