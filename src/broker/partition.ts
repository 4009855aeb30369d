/**
 * One replica of one partition on one broker: its log, leader-epoch cache, producer state and
 * high watermark, and — while it leads — what it knows of its followers and its ISR.
 */
import { assert } from "../kernel/assert";
import type { Micros } from "../kernel/time";
import type { DivergingEpoch } from "../protocol/dataMessages";
import type { PartitionState } from "../protocol/metadata";
import type { PartitionStore } from "../storage/brokerDisk";
import { LeaderEpochCache, UNDEFINED_EPOCH } from "../storage/leaderEpochCache";
import type { PartitionLog } from "../storage/partitionLog";
import type { ProducerStateManager } from "../storage/producerStateManager";
import { loadProducerState } from "../storage/partitionRecovery";
import { lastOffsetOf, type RecordBatch } from "../storage/recordBatch";
import { isCaughtUp, newFollowerState, recordFetch, type FollowerState } from "./followerState";

export type Role = "leader" | "follower" | "none";

/** What a leader's ISR rules need from outside the partition. */
export interface IsrRules {
  /** replica.lag.time.max.ms: how recently a follower must have been caught up to count as in sync. */
  readonly replicaLagTimeMaxUs: Micros;
  /** Kafka's isReplicaIsrEligible: this broker's metadata shows the replica's broker unfenced. */
  isIsrEligible(replicaId: string): boolean;
}

export class Partition {
  readonly log: PartitionLog;
  readonly producerState: ProducerStateManager;
  highWatermark: number;
  role: Role = "none";
  leader: string | null = null;
  leaderEpoch = -1;
  partitionEpoch = -1;
  isr: readonly string[] = [];
  replicas: readonly string[] = [];
  readonly followers = new Map<string, FollowerState>();
  /** An ISR the leader has proposed to the controller and not yet seen committed. */
  pendingIsr: readonly string[] | undefined;

  constructor(
    readonly name: string,
    readonly topic: string,
    readonly index: number,
    readonly store: PartitionStore,
    private epochCache: LeaderEpochCache,
    checkpointedHighWatermark: number,
    private readonly minInsyncReplicas: number,
    private readonly isrRules: IsrRules,
  ) {
    this.log = store.log;
    this.producerState = loadProducerState(store);
    this.highWatermark = Math.min(Math.max(checkpointedHighWatermark, this.log.logStartOffset), this.log.logEndOffset);
  }

  get logEndOffset(): number {
    return this.log.logEndOffset;
  }

  get epochs(): LeaderEpochCache {
    return this.epochCache;
  }

  /** The ISR used for the high watermark: the committed one plus members being added. */
  maximalIsr(): readonly string[] {
    const pending = this.pendingIsr;
    if (pending === undefined) return this.isr;
    return [...this.isr, ...pending.filter((id) => !this.isr.includes(id))];
  }

  becomeLeader(state: PartitionState, selfId: string, nowUs: Micros): void {
    this.role = "leader";
    this.leader = selfId;
    this.adopt(state);
    this.pendingIsr = undefined;
    this.followers.clear();
    for (const id of state.replicas) {
      if (id !== selfId) this.followers.set(id, newFollowerState(nowUs, state.isr.includes(id)));
    }
    this.assignEpoch(state.leaderEpoch, this.logEndOffset, nowUs);
  }

  becomeFollower(state: PartitionState): void {
    this.role = "follower";
    this.leader = state.leader;
    this.adopt(state);
    this.pendingIsr = undefined;
    this.followers.clear();
  }

  /** A newer ISR (same leader epoch) from the controller. */
  adopt(state: PartitionState): void {
    this.leaderEpoch = state.leaderEpoch;
    this.partitionEpoch = state.partitionEpoch;
    this.isr = state.isr;
    this.replicas = state.replicas;
  }

  appendAsLeader(batch: RecordBatch, nowUs: Micros): void {
    assert(this.role === "leader", () => `${this.name}: append as leader while ${this.role}`);
    assert(batch.baseOffset === this.logEndOffset, () => `${this.name}: leader append at ${batch.baseOffset} != LEO`);
    this.log.append(batch, nowUs);
    this.producerState.update(batch);
  }

  /** Appends replicated batches, keeping the epoch cache and producer state as the leader's. */
  appendAsFollower(batches: readonly RecordBatch[], nowUs: Micros): void {
    for (const batch of batches) {
      if (lastOffsetOf(batch) < this.logEndOffset) continue; // already have it
      if (batch.baseOffset !== this.logEndOffset) return; // a gap: fetch again from our LEO
      if (batch.leaderEpoch > this.epochCache.latestEpoch()) this.assignEpoch(batch.leaderEpoch, batch.baseOffset, nowUs);
      this.log.append(batch, nowUs);
      this.producerState.update(batch);
    }
  }

  /** Leader: the fetch from a follower moved its LEO; returns whether the HW advanced. */
  recordFollowerFetch(replicaId: string, fetchOffset: number, brokerEpoch: number, nowUs: Micros): boolean {
    const follower = this.followers.get(replicaId);
    if (follower === undefined) return false;
    const moved = follower.logEndOffset !== fetchOffset;
    recordFetch(follower, fetchOffset, this.logEndOffset, brokerEpoch, nowUs);
    // The HW is a minimum over LEOs: it can only move when one of them did (the leader's own
    // appends and ISR changes check it themselves).
    return moved && this.maybeIncrementHighWatermark(nowUs);
  }

  /**
   * Leader: HW = min LEO over the maximal ISR and the followers about to join it; it never goes
   * down, and it does not move while the committed ISR is below min.insync.replicas (KIP-966:
   * what the ELR holds must be all that is committed). The committed ISR, not the maximal one, as
   * Kafka's isUnderMinIsr: a member still being added may be refused, and the ELR the controller
   * keeps meanwhile lacks what it has.
   */
  maybeIncrementHighWatermark(nowUs: Micros): boolean {
    if (this.isr.length < this.minInsyncReplicas) return false;
    const maximalIsr = this.maximalIsr();
    let candidate = this.logEndOffset;
    for (const id of maximalIsr) {
      if (id === this.leader) continue;
      const follower = this.followers.get(id);
      const followerEnd = follower === undefined ? -1 : follower.logEndOffset;
      if (followerEnd < candidate) candidate = followerEnd;
    }
    for (const [id, follower] of this.followers) {
      if (follower.logEndOffset < candidate && !maximalIsr.includes(id) && this.mayJoinSoon(id, follower, nowUs)) {
        candidate = follower.logEndOffset;
      }
    }
    if (candidate <= this.highWatermark) return false;
    this.highWatermark = candidate;
    return true;
  }

  /**
   * Kafka's shouldWaitForReplicaToJoinIsr: a follower outside the ISR that is caught up (within
   * replica.lag.time.max.ms) and eligible will soon be proposed for it, so the HW waits for it
   * too rather than run ahead of a replica about to become a member.
   */
  private mayJoinSoon(id: string, follower: FollowerState, nowUs: Micros): boolean {
    const rules = this.isrRules;
    return isCaughtUp(follower, this.logEndOffset, nowUs, rules.replicaLagTimeMaxUs) && rules.isIsrEligible(id);
  }

  /**
   * Follower: HW = min(leader's HW, own LEO), within the log. It may go down: a new leader's HW
   * can lag the old one's, and a follower takes the leader's word (as Kafka's follower does; in
   * the legacy truncation mode a restart then cuts to that lower HW).
   */
  updateFollowerHighWatermark(leaderHighWatermark: number): boolean {
    const candidate = Math.max(Math.min(leaderHighWatermark, this.logEndOffset), this.log.logStartOffset);
    if (candidate === this.highWatermark) return false;
    this.highWatermark = candidate;
    return true;
  }

  /**
   * Leader: whether a follower's log diverges from ours. It does when the end offset of its last
   * fetched epoch, here, lies below its fetch offset, or that epoch is unknown here.
   */
  divergingEpoch(lastFetchedEpoch: number, fetchOffset: number): DivergingEpoch | undefined {
    if (lastFetchedEpoch < 0) return undefined;
    const end = this.epochCache.endOffsetFor(lastFetchedEpoch, this.logEndOffset);
    if (end.endOffset < fetchOffset || end.epoch < lastFetchedEpoch) {
      return { epoch: end.epoch, endOffset: end.endOffset };
    }
    return undefined;
  }

  /** Follower: the end offset of `epoch` in our own log (for truncation by leader epoch). */
  endOffsetForEpoch(epoch: number): { epoch: number; endOffset: number } {
    return this.epochCache.endOffsetFor(epoch, this.logEndOffset);
  }

  /** Epoch of the last batch we hold, sent as lastFetchedEpoch. */
  lastFetchedEpoch(): number {
    const latest = this.epochCache.latestEpoch();
    return latest === UNDEFINED_EPOCH ? -1 : latest;
  }

  /** Removes everything at and above `offset`; epoch cache, producer state and HW follow. */
  truncateTo(offset: number, nowUs: Micros): void {
    if (offset >= this.logEndOffset) {
      // Nothing to remove, but the epoch cache may end in an entry with no record: this broker led
      // briefly, wrote its epoch's start, appended nothing, and lost leadership. Left there, it is
      // sent as lastFetchedEpoch and the leader answers "diverging" forever (Kafka's
      // UnifiedLog.truncateTo always truncates the epoch cache for this reason).
      const before = this.epochCache.entries().length;
      this.epochCache.truncateFromEnd(this.logEndOffset);
      if (this.epochCache.entries().length !== before) this.store.epochCheckpoint.write(this.epochCache.snapshot(), nowUs);
      return;
    }
    this.log.truncateTo(offset);
    this.epochCache.truncateFromEnd(this.logEndOffset);
    this.store.epochCheckpoint.write(this.epochCache.snapshot(), nowUs);
    this.producerState.rebuild(this.log.batches());
    if (this.highWatermark > this.logEndOffset) this.highWatermark = this.logEndOffset;
  }

  /** A follower that fell below the leader's log start: start over from there. */
  truncateFullyAndStartAt(offset: number, nowUs: Micros): void {
    this.log.truncateFullyAndStartAt(offset);
    this.epochCache = LeaderEpochCache.fromSnapshot([]);
    this.store.epochCheckpoint.write([], nowUs);
    this.producerState.rebuild(this.log.batches());
    this.highWatermark = offset;
  }

  /**
   * Applies retention to this replica's log, below its own HW (leader and follower alike, as each
   * Kafka broker does for its own logs). When the log start moves, the epoch cache drops what is
   * now below it, as UnifiedLog.maybeIncrementLogStartOffset does. Returns whether it moved.
   */
  enforceRetention(nowUs: Micros): boolean {
    if (this.log.enforceRetention(nowUs, this.highWatermark) === 0) return false;
    this.epochCache.truncateFromStart(this.log.logStartOffset);
    this.store.epochCheckpoint.write(this.epochCache.snapshot(), nowUs);
    return true;
  }

  /** Leader: ISR members that have not been caught up within replica.lag.time.max.ms. */
  outOfSyncReplicas(nowUs: Micros): string[] {
    const lagMaxUs = this.isrRules.replicaLagTimeMaxUs;
    const out: string[] = [];
    for (const id of this.isr) {
      if (id === this.leader) continue;
      const follower = this.followers.get(id);
      if (follower === undefined) continue;
      if (!isCaughtUp(follower, this.logEndOffset, nowUs, lagMaxUs)) out.push(id);
    }
    return out;
  }

  /**
   * Leader: whether a follower outside the ISR may rejoin: its LEO has reached the HW and the
   * start of the current leader epoch (it has fetched in this epoch).
   */
  mayRejoin(replicaId: string): boolean {
    const follower = this.followers.get(replicaId);
    if (follower === undefined || this.isr.includes(replicaId)) return false;
    const epochStart = this.epochCache.latestEntry()?.startOffset ?? 0;
    const end = follower.logEndOffset;
    return end >= 0 && end >= this.highWatermark && end >= epochStart;
  }

  private assignEpoch(epoch: number, startOffset: number, nowUs: Micros): void {
    this.epochCache.assign(epoch, startOffset);
    this.store.epochCheckpoint.write(this.epochCache.snapshot(), nowUs);
  }
}
