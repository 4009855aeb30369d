/**
 * The leader's side of Fetch, from followers and consumers: epoch validation (fenced or unknown
 * leader epochs), diverging-epoch answers, reads up to the log end (followers) or the high
 * watermark (consumers), long polls parked in a purgatory until data arrives or maxWaitMs passes,
 * and KIP-227 incremental sessions for followers. A follower's fetch reports its log end offset
 * back to the replica manager, which moves the HW and the ISR.
 */
import type { NodeContext } from "../kernel/node";
import type { FetchPartition, FetchPartitionResult, FetchRequest, FetchResponse } from "../protocol/dataMessages";
import type { ErrorName } from "../protocol/errors";
import { partitionKey } from "../protocol/metadata";
import { batchSizeBytes, type RecordBatch } from "../storage/recordBatch";
import { FetchPurgatory, type DelayedFetch, type FetchTarget } from "./fetchPurgatory";
import { answersInFull, FetchSessionCache, mustAnswer, sessionPartitions, type LeaderFetchSession, type SessionPartition } from "./fetchSessionCache";
import type { Partition } from "./partition";

/** A follower fetched `partition` at `fetchOffset`, its log end offset. */
export type FollowerFetchListener = (partition: Partition, replicaId: string, fetchOffset: number, brokerEpoch: number) => void;

export class FetchHandler {
  private readonly purgatory = new FetchPurgatory();
  private readonly sessions = new FetchSessionCache();

  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly partitions: ReadonlyMap<string, Partition>,
    private readonly recordFollowerFetch: FollowerFetchListener,
  ) {}

  handle(from: string, request: FetchRequest): void {
    let session: LeaderFetchSession | undefined;
    if (request.session !== undefined && request.replicaId !== null) {
      const resolved = this.sessions.resolve(request.replicaId, request.session, request.partitions);
      if (typeof resolved === "string") {
        const refused: FetchResponse = { type: "FetchResponse", correlationId: request.correlationId, error: resolved, partitions: [] };
        this.ctx.send(from, refused);
        return;
      }
      session = resolved;
    }
    const targets: readonly FetchTarget[] = session !== undefined
      ? sessionPartitions(session)
      : request.partitions.map((fetch) => ({ name: partitionKey(fetch.topic, fetch.partition), fetch }));
    const delayed: DelayedFetch = { from, request, targets, session, timer: undefined, done: false };
    const reads = this.readTargets(delayed, true);
    let bytes = 0;
    let settled = false;
    for (const { result } of reads) {
      for (const batch of result.batches) bytes += batchSizeBytes(batch);
      settled ||= result.error !== "NONE" || result.divergingEpoch !== undefined;
    }
    if (bytes >= Math.max(1, request.minBytes) || settled || request.maxWaitMs <= 0) {
      this.respondFetch(delayed, reads);
      return;
    }
    delayed.timer = this.ctx.setTimer(request.maxWaitMs, () => this.completeFetch(delayed));
    if (session !== undefined) session.parked = delayed;
    else this.purgatory.add(delayed);
  }

  private completeFetch(delayed: DelayedFetch): void {
    if (delayed.done) return;
    delayed.done = true;
    if (delayed.session?.parked === delayed) delayed.session.parked = undefined;
    this.ctx.cancelTimer(delayed.timer);
    this.respondFetch(delayed, this.readTargets(delayed, false));
  }

  /**
   * Reads every partition of a fetch. In an incremental session, a partition the follower has
   * all of (at the log end, in the current epoch) is recorded as fetched, and gets a result only
   * if its high watermark or log start moved since the follower last heard: otherwise it would
   * not be answered, so no result is built.
   */
  private readTargets(delayed: DelayedFetch, firstRead: boolean): { target: FetchTarget; result: FetchPartitionResult }[] {
    const reads: { target: FetchTarget; result: FetchPartitionResult }[] = [];
    const incremental = delayed.session !== undefined && !answersInFull(delayed.session);
    for (const target of delayed.targets) {
      let recorded = false;
      if (incremental) {
        const cached = target as SessionPartition;
        const partition = this.caughtUpLeader(cached);
        if (partition !== undefined) {
          // Recorded before the HW is compared, as a full read does: a HW this very fetch advanced is answered.
          if (firstRead) this.recordFollowerFetch(partition, delayed.request.replicaId!, cached.fetch.fetchOffset, delayed.request.brokerEpoch);
          recorded = true;
          const unchanged = partition.highWatermark === cached.sentHighWatermark && partition.log.logStartOffset === cached.sentLogStartOffset;
          if (unchanged) continue;
        }
      }
      reads.push({ target, result: this.readForFetch(target, delayed.request, firstRead && !recorded) });
    }
    return reads;
  }

  /** The partition, if this broker leads it in the fetch's epoch and the follower is at its log end with its latest epoch. */
  private caughtUpLeader(target: SessionPartition): Partition | undefined {
    const p = target.fetch;
    const partition = (target.replica ??= this.partitions.get(target.name));
    const caughtUp =
      partition !== undefined &&
      partition.role === "leader" &&
      p.currentLeaderEpoch === partition.leaderEpoch &&
      p.fetchOffset === partition.logEndOffset &&
      (p.lastFetchedEpoch < 0 || p.lastFetchedEpoch === partition.epochs.latestEpoch());
    return caughtUp ? partition : undefined;
  }

  /** Answers a fetch; in a session, only with the partitions that have something new. */
  private respondFetch(delayed: DelayedFetch, reads: readonly { target: FetchTarget; result: FetchPartitionResult }[]): void {
    delayed.done = true;
    const session = delayed.session;
    const partitions: FetchPartitionResult[] = [];
    for (const { target, result } of reads) {
      if (session === undefined || mustAnswer(session, target as SessionPartition, result)) partitions.push(result);
    }
    const response: FetchResponse = {
      type: "FetchResponse",
      correlationId: delayed.request.correlationId,
      ...(session === undefined ? {} : { sessionId: session.id }),
      partitions,
    };
    this.ctx.send(delayed.from, response);
  }

  /** Wakes parked fetches on `name`: followers on new data, consumers on a new HW. */
  wake(name: string, followers: boolean): void {
    if (followers) {
      for (const session of this.sessions.all()) {
        const parked = session.parked;
        if (parked !== undefined && session.partitions.has(name)) this.completeFetch(parked);
      }
    }
    for (const delayed of this.purgatory.take(name, followers)) this.completeFetch(delayed);
  }

  private readForFetch(target: FetchTarget, request: FetchRequest, firstRead: boolean): FetchPartitionResult {
    const p = target.fetch;
    const partition = this.partitions.get(target.name);
    if (partition === undefined) return emptyResult(p, "UNKNOWN_TOPIC_OR_PARTITION");
    if (partition.role !== "leader") return emptyResult(p, "NOT_LEADER_OR_FOLLOWER");
    if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch < partition.leaderEpoch) {
      return emptyResult(p, "FENCED_LEADER_EPOCH");
    }
    if (p.currentLeaderEpoch > partition.leaderEpoch) return emptyResult(p, "UNKNOWN_LEADER_EPOCH");
    const follower = request.replicaId;
    if (follower !== null) {
      const diverging = partition.divergingEpoch(p.lastFetchedEpoch, p.fetchOffset);
      if (diverging !== undefined) return { ...resultOf(partition, p, "NONE", []), divergingEpoch: diverging };
    }
    if (p.fetchOffset > partition.logEndOffset || p.fetchOffset < partition.log.logStartOffset) {
      return resultOf(partition, p, "OFFSET_OUT_OF_RANGE", []);
    }
    if (follower !== null && firstRead) this.recordFollowerFetch(partition, follower, p.fetchOffset, request.brokerEpoch);
    const end = follower !== null ? partition.logEndOffset : partition.highWatermark;
    const batches = p.fetchOffset >= end ? NO_BATCHES : partition.log.read(p.fetchOffset, end, request.maxBytes);
    return resultOf(partition, p, "NONE", batches);
  }
}

const NO_BATCHES: readonly RecordBatch[] = [];

function emptyResult(p: FetchPartition, error: ErrorName): FetchPartitionResult {
  return { topic: p.topic, partition: p.partition, error, highWatermark: -1, logStartOffset: -1, logEndOffset: -1, batches: [] };
}

function resultOf(partition: Partition, p: FetchPartition, error: ErrorName, batches: readonly RecordBatch[]): FetchPartitionResult {
  return {
    topic: p.topic,
    partition: p.partition,
    error,
    highWatermark: partition.highWatermark,
    logStartOffset: partition.log.logStartOffset,
    logEndOffset: partition.logEndOffset,
    batches,
  };
}
