/**
 * The leader's side of KIP-227 incremental fetch sessions (Kafka's FetchSessionCache and
 * FetchContext). A follower opens a session with a full fetch; afterwards it lists only the
 * partitions whose fetch position changed, and the leader answers only the partitions with
 * something new: records, an error, a diverging epoch, or a moved high watermark or log start.
 * Every partition of the session is still read on every fetch, so the follower stays caught up
 * (and in the ISR) on partitions it does not list.
 *
 * The cache lives in memory: a restarted broker has none, and a follower naming a lost session
 * gets FETCH_SESSION_ID_NOT_FOUND and opens a new one. One session per follower broker (Kafka
 * privileges follower sessions and evicts client ones; there are none here), so the cache is
 * bounded by the number of brokers.
 */
import type { FetchPartition, FetchPartitionResult, FetchSessionFields } from "../protocol/dataMessages";
import { INITIAL_SESSION_EPOCH } from "../protocol/dataMessages";
import type { ErrorName } from "../protocol/errors";
import { partitionKey } from "../protocol/metadata";
import type { DelayedFetch } from "./fetchPurgatory";
import type { Partition } from "./partition";

/** A partition of a session: what the follower last asked for, and what it was last told. */
export interface SessionPartition {
  readonly name: string;
  fetch: FetchPartition;
  /** The high watermark and log start the follower last heard (-2: never answered). */
  sentHighWatermark: number;
  sentLogStartOffset: number;
  /** The leader's replica, once looked up (a broker creates each partition once and keeps it). */
  replica: Partition | undefined;
}

export interface LeaderFetchSession {
  readonly id: number;
  readonly replicaId: string;
  /** The epoch the next incremental fetch must carry. */
  nextEpoch: number;
  /** In the order the follower first listed them. */
  readonly partitions: Map<string, SessionPartition>;
  /** `partitions` as an array, rebuilt when the set changes (every fetch reads them all). */
  list: SessionPartition[] | undefined;
  /**
   * The session's fetch waiting for data, if any: a follower has one fetch out per leader, so
   * it is parked here, woken when any session partition gets data, not listed per partition.
   */
  parked: DelayedFetch | undefined;
}

/**
 * Whether the answer being built is the session's first, a full one: until the follower's first
 * incremental fetch arrives, the session still expects epoch 1.
 */
export function answersInFull(session: LeaderFetchSession): boolean {
  return session.nextEpoch === INITIAL_SESSION_EPOCH + 1;
}

/** Every partition of the session, in order. */
export function sessionPartitions(session: LeaderFetchSession): readonly SessionPartition[] {
  session.list ??= [...session.partitions.values()];
  return session.list;
}

const NEVER_SENT = -2;

export class FetchSessionCache {
  private readonly byReplica = new Map<string, LeaderFetchSession>();
  private nextSessionId = 1;

  /** The live sessions (at most one per follower broker). */
  all(): IterableIterator<LeaderFetchSession> {
    return this.byReplica.values();
  }

  /**
   * The session a follower's fetch belongs to, updated with what the fetch lists, or the error
   * to answer with. A full fetch (epoch 0) replaces the follower's previous session.
   */
  resolve(replicaId: string, fields: FetchSessionFields, listed: readonly FetchPartition[]): LeaderFetchSession | ErrorName {
    if (fields.sessionEpoch === INITIAL_SESSION_EPOCH) return this.open(replicaId, listed);
    const session = this.byReplica.get(replicaId);
    if (session === undefined || session.id !== fields.sessionId) return "FETCH_SESSION_ID_NOT_FOUND";
    if (session.nextEpoch !== fields.sessionEpoch) return "INVALID_FETCH_SESSION_EPOCH";
    session.nextEpoch++;
    for (const gone of fields.forgotten) {
      if (session.partitions.delete(partitionKey(gone.topic, gone.partition))) session.list = undefined;
    }
    for (const fetch of listed) upsert(session, fetch);
    return session;
  }

  private open(replicaId: string, listed: readonly FetchPartition[]): LeaderFetchSession {
    const session: LeaderFetchSession = {
      id: this.nextSessionId++,
      replicaId,
      nextEpoch: INITIAL_SESSION_EPOCH + 1,
      partitions: new Map(),
      list: undefined,
      parked: undefined,
    };
    for (const fetch of listed) upsert(session, fetch);
    this.byReplica.set(replicaId, session);
    return session;
  }
}

function upsert(session: LeaderFetchSession, fetch: FetchPartition): void {
  const name = partitionKey(fetch.topic, fetch.partition);
  const cached = session.partitions.get(name);
  if (cached === undefined) {
    session.partitions.set(name, { name, fetch, sentHighWatermark: NEVER_SENT, sentLogStartOffset: NEVER_SENT, replica: undefined });
    session.list = undefined;
  } else cached.fetch = fetch;
}

/**
 * Whether a partition's result goes into the answer (always, in a session's first answer), noting
 * what the follower is told. Kafka's CachedPartition.maybeUpdateResponseData.
 */
export function mustAnswer(session: LeaderFetchSession, cached: SessionPartition, result: FetchPartitionResult): boolean {
  const changed =
    answersInFull(session) ||
    result.error !== "NONE" ||
    result.batches.length > 0 ||
    result.divergingEpoch !== undefined ||
    result.highWatermark !== cached.sentHighWatermark ||
    result.logStartOffset !== cached.sentLogStartOffset;
  if (changed) {
    cached.sentHighWatermark = result.highWatermark;
    cached.sentLogStartOffset = result.logStartOffset;
  }
  return changed;
}
