/**
 * The follower side of replication: one fetcher per leader broker (Kafka's ReplicaFetcherThread),
 * fetching (fetchOffset = LEO, lastFetchedEpoch, currentLeaderEpoch) for every partition it
 * follows there, appending what comes back, truncating by leader epoch on a diverging-epoch
 * answer, and fetching again at once. Fetches go through a KIP-227 incremental session: after the
 * first (full) fetch only partitions whose position changed are listed; any session error, lost
 * answer or timeout starts over with a full fetch.
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import { CorrelationIds } from "../protocol/correlationIds";
import { DATA_CONNECTION_CLOSED } from "../protocol/clientClosedConnection";
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
  /**
   * Partitions whose fetch position may have moved since the last fetch: those an answer was
   * applied to and those followed or dropped since. Only they are looked at for an incremental fetch.
   */
  readonly dirty: Set<string>;
}

export class ReplicaFetcher {
  private readonly sessions = new Map<string, FetchSession>();
  private readonly correlationIds: CorrelationIds;

  constructor(
    private readonly ctx: NodeContext<BrokerDisk>,
    private readonly settings: BrokerSettings,
    private readonly replicas: ReplicaManager,
    private readonly brokerEpoch: () => number,
  ) {
    this.correlationIds = new CorrelationIds(ctx.rng);
  }

  /** Follow `name` from `leader` (null: stop following it). */
  follow(name: string, leader: string | null): void {
    for (const session of this.sessions.values()) if (session.partitions.delete(name)) session.dirty.add(name);
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
        dirty: new Set(),
      };
      this.sessions.set(leader, session);
    }
    session.partitions.add(name);
    session.dirty.add(name);
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
      const name = partitionKey(result.topic, result.partition);
      const partition = this.replicas.partitions.get(name);
      if (partition === undefined || partition.role !== "follower" || partition.leader !== from) continue;
      session.dirty.add(name);
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
    const full = session.nextEpoch === INITIAL_SESSION_EPOCH;
    const { listed, forgotten } = full ? this.openingPositions(session) : this.changedPositions(session);
    session.dirty.clear();
    if (session.sent.size === 0) {
      restartSession(session); // nothing followed there: the next fetch opens a new session
      return;
    }
    const correlationId = this.correlationIds.take();
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
        forgotten: forgotten.length === 0 ? forgotten : forgotten.map((p) => ({ topic: p.topic, partition: p.partition })),
      },
      partitions: listed,
    };
    session.inFlightCorrelationId = correlationId;
    this.ctx.send(session.leader, request);
    // No answer within the socket timeout: the connection is presumed dead; close it, fetch again.
    session.timer = this.ctx.setTimer(this.settings.replicaSocketTimeoutMs + this.settings.replicaFetchWaitMaxMs, () => {
      session.timer = undefined;
      session.inFlightCorrelationId = undefined;
      this.ctx.send(session.leader, DATA_CONNECTION_CLOSED);
      restartSession(session);
      this.sendFetch(session);
    });
  }

  /** A full fetch: every partition followed on this leader. */
  private openingPositions(session: FetchSession): { listed: FetchPartition[]; forgotten: FetchPartition[] } {
    session.sent = new Map();
    for (const name of session.partitions) {
      const position = this.positionOf(session, name, undefined);
      if (position !== undefined) session.sent.set(name, position);
    }
    return { listed: [...session.sent.values()], forgotten: [] };
  }

  /** An incremental fetch: the partitions whose position moved, and those no longer followed. */
  private changedPositions(session: FetchSession): { listed: FetchPartition[]; forgotten: FetchPartition[] } {
    const listed: FetchPartition[] = [];
    const forgotten: FetchPartition[] = [];
    for (const name of session.dirty) {
      const before = session.sent.get(name);
      const position = session.partitions.has(name) ? this.positionOf(session, name, before) : undefined;
      if (position === undefined) {
        if (before === undefined) continue;
        forgotten.push(before);
        session.sent.delete(name);
      } else if (position !== before) {
        session.sent.set(name, position);
        listed.push(position);
      }
    }
    return { listed, forgotten };
  }

  /**
   * Where to fetch `name` from on this leader (undefined: not following it there). An unchanged
   * position is the very object sent before, so callers tell what changed by identity.
   */
  private positionOf(session: FetchSession, name: string, before: FetchPartition | undefined): FetchPartition | undefined {
    const partition = this.replicas.partitions.get(name);
    if (partition === undefined || partition.role !== "follower" || partition.leader !== session.leader) return undefined;
    const fetchOffset = partition.logEndOffset;
    // Before KIP-101 a follower sent no epoch: the leader could not tell it diverged.
    const lastFetchedEpoch = this.settings.replicationTruncation === "high-watermark" ? -1 : partition.lastFetchedEpoch();
    const currentLeaderEpoch = partition.leaderEpoch;
    const same =
      before !== undefined &&
      before.fetchOffset === fetchOffset &&
      before.lastFetchedEpoch === lastFetchedEpoch &&
      before.currentLeaderEpoch === currentLeaderEpoch;
    if (same) return before;
    return { topic: partition.topic, partition: partition.index, fetchOffset, lastFetchedEpoch, currentLeaderEpoch };
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
