/**
 * The consumer's fetcher: for every assigned partition with a known position it long-polls the
 * partition's leader (one Fetch per leader at a time, replicaId null, so the leader reads below its
 * high watermark only), buffers what comes back, and hands records to poll() in arrival order,
 * advancing each partition's position past what it returned.
 *
 * After a leader change it first validates each position it holds (KIP-320): it asks the new
 * leader where the epoch of the last record it consumed ends there. A log truncated below the
 * position (an unclean election) moves the position back to that end, the first offset known to
 * diverge, rather than fetching on past records the consumer never saw.
 */
import type { ConsumerConfig } from "../config/consumerConfig";
import type { ReadRecord, TopicPartition } from "../history/types";
import type { NodeContext, TimerHandle } from "../kernel/node";
import { msToMicros, type Micros } from "../kernel/time";
import type {
  FetchPartitionResult,
  FetchRequest,
  FetchResponse,
  OffsetsForLeaderEpochRequest,
  OffsetsForLeaderEpochResponse,
} from "../protocol/dataMessages";
import { partitionKey } from "../protocol/metadata";
import type { ConsumerMetadata } from "./consumerMetadata";
import type { RequestTracker } from "./requestTracker";

interface FetchState {
  readonly tp: TopicPartition;
  /** The next offset to return; null until the position is resolved (committed offset or reset). */
  position: number | null;
  /**
   * The leader epoch of the batch of the last record returned before `position` (Kafka's
   * offsetEpoch); null after a seek or reset, when there is nothing to validate against.
   */
  positionEpoch: number | null;
  /** The leader epoch the position was last fetched or validated under: a newer leader validates it first. */
  positionLeaderEpoch: number;
  buffered: ReadRecord[];
  /** The leader epoch of each buffered record's batch. */
  bufferedEpochs: number[];
  /** After an error, the partition is not fetched again before this (retry.backoff.ms). */
  backoffUntilUs: Micros;
}

export interface FetcherHooks {
  /** Records arrived, or a fetch ended without: a waiting poll may go on. */
  onFetchDone(): void;
  /** The position is outside the log: reset it per auto.offset.reset. */
  onOutOfRange(tp: TopicPartition): void;
  /**
   * The leader's log diverges below the position (KIP-320): the position moved back to `offset`,
   * or, with auto.offset.reset=none, is unset (`offset` null: Kafka throws LogTruncationException).
   */
  onTruncated(tp: TopicPartition, offset: number | null): void;
}

/** Errors that mean our idea of the leader is stale. */
const STALE_LEADER_ERRORS: ReadonlySet<string> = new Set([
  "NOT_LEADER_OR_FOLLOWER",
  "FENCED_LEADER_EPOCH",
  "UNKNOWN_LEADER_EPOCH",
  "UNKNOWN_TOPIC_OR_PARTITION",
  "LEADER_NOT_AVAILABLE",
]);

export class Fetcher {
  private readonly states = new Map<string, FetchState>();
  /** Partitions with buffered records, in the order their data arrived. */
  private readyQueue: string[] = [];
  /** Leader → correlation id of the fetch out to it. */
  private readonly inFlight = new Map<string, number>();
  /** Leader → correlation id of the position validation out to it. */
  private readonly validating = new Map<string, number>();
  /** Wakes the poll when the earliest partition backoff ends. */
  private backoffTimer: TimerHandle | undefined;

  /** One function, so fetches wait for a metadata answer at most once. */
  private readonly onMetadata = (): void => this.hooks.onFetchDone();

  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly tracker: RequestTracker,
    private readonly metadata: ConsumerMetadata,
    private readonly config: ConsumerConfig,
    private readonly hooks: FetcherHooks,
  ) {}

  /** Starts over with these partitions, positions unknown; fetches out are forgotten. */
  assign(partitions: readonly TopicPartition[]): void {
    this.clear();
    for (const tp of partitions)
      this.states.set(partitionKey(tp.topic, tp.partition), {
        tp,
        position: null,
        positionEpoch: null,
        positionLeaderEpoch: -1,
        buffered: [],
        bufferedEpochs: [],
        backoffUntilUs: 0,
      });
  }

  clear(): void {
    this.states.clear();
    this.readyQueue = [];
    for (const correlationId of this.inFlight.values()) this.tracker.cancel(correlationId);
    this.inFlight.clear();
    for (const correlationId of this.validating.values()) this.tracker.cancel(correlationId);
    this.validating.clear();
  }

  /**
   * Moves a partition's position (a resolved offset, a reset or a seek); buffered records go. With
   * the epoch of the record before it (a committed offset's), the current leader validates it first.
   */
  seek(tp: TopicPartition, offset: number, offsetEpoch: number | null = null): void {
    const state = this.states.get(partitionKey(tp.topic, tp.partition));
    if (state !== undefined) moveTo(state, offset, offsetEpoch);
  }

  /** The position is being reset: fetch nothing for the partition until a new one is set. */
  unsetPosition(tp: TopicPartition): void {
    const state = this.states.get(partitionKey(tp.topic, tp.partition));
    if (state !== undefined) moveTo(state, null, null);
  }

  position(tp: TopicPartition): number | null {
    return this.states.get(partitionKey(tp.topic, tp.partition))?.position ?? null;
  }

  /** The leader epoch of the record before `offset`, if `offset` is the partition's position and that is known. */
  positionEpochAt(tp: TopicPartition, offset: number): number | undefined {
    const state = this.states.get(partitionKey(tp.topic, tp.partition));
    return state?.position === offset ? (state.positionEpoch ?? undefined) : undefined;
  }

  /** Positions of every partition whose position is known: what auto-commit commits. */
  positions(): { tp: TopicPartition; offset: number }[] {
    const positions: { tp: TopicPartition; offset: number }[] = [];
    for (const state of this.states.values())
      if (state.position !== null) positions.push({ tp: state.tp, offset: state.position });
    return positions;
  }

  hasBuffered(): boolean {
    return this.readyQueue.some((name) => (this.states.get(name)?.buffered.length ?? 0) > 0);
  }

  /**
   * Up to `maxRecords` buffered records, advancing positions past them. Records of a partition
   * whose leader changed since they were fetched are dropped, not returned: its position must be
   * validated first, and they are fetched again from wherever that leaves it (Kafka's consumer
   * drains a fetch for a partition that is no longer fetchable while it awaits validation).
   */
  take(maxRecords: number): ReadRecord[] {
    const taken: ReadRecord[] = [];
    while (taken.length < maxRecords && this.readyQueue.length > 0) {
      const state = this.states.get(this.readyQueue[0]!);
      if (state !== undefined && this.awaitsNewLeader(state)) {
        this.dropUnvalidated(state);
        this.readyQueue.shift();
        continue;
      }
      const chunk = state?.buffered.splice(0, maxRecords - taken.length) ?? [];
      const epochs = state?.bufferedEpochs.splice(0, chunk.length) ?? [];
      taken.push(...chunk);
      const last = chunk[chunk.length - 1];
      if (state !== undefined && last !== undefined) {
        state.position = last.offset + 1;
        state.positionEpoch = epochs[epochs.length - 1] ?? state.positionEpoch;
      }
      if (state === undefined || state.buffered.length === 0) this.readyQueue.shift();
    }
    return taken;
  }

  /**
   * Sends a Fetch to each leader of a partition that has a position, nothing buffered and no fetch
   * out — or, for a position not yet confirmed by the current leader, a validation first.
   */
  sendFetches(): void {
    const byLeader = new Map<string, { state: FetchState; leaderEpoch: number }[]>();
    const toValidate = new Map<string, { state: FetchState; leaderEpoch: number }[]>();
    let leaderUnknown = false;
    let backoffEndUs = Infinity;
    for (const state of this.states.values()) {
      if (state.backoffUntilUs > this.ctx.now()) backoffEndUs = Math.min(backoffEndUs, state.backoffUntilUs);
      if (state.position === null || state.buffered.length > 0 || state.backoffUntilUs > this.ctx.now())
        continue;
      const leader = this.metadata.leaderOf(state.tp.topic, state.tp.partition);
      if (leader?.leader == null) {
        leaderUnknown = true;
        continue;
      }
      const wanted = { state, leaderEpoch: leader.leaderEpoch };
      if (needsValidation(state, leader.leaderEpoch)) {
        if (!this.validating.has(leader.leader)) addTo(toValidate, leader.leader, wanted);
        continue;
      }
      if (this.inFlight.has(leader.leader)) continue;
      state.positionLeaderEpoch = Math.max(state.positionLeaderEpoch, leader.leaderEpoch);
      addTo(byLeader, leader.leader, wanted);
    }
    if (leaderUnknown) this.metadata.refresh(this.onMetadata);
    for (const [leader, wanted] of toValidate) this.sendValidation(leader, wanted);
    for (const [leader, wanted] of byLeader) this.sendFetch(leader, wanted);
    if (backoffEndUs < Infinity && this.backoffTimer === undefined) {
      this.backoffTimer = this.ctx.setTimer((backoffEndUs - this.ctx.now()) / 1000, () => {
        this.backoffTimer = undefined;
        this.hooks.onFetchDone();
      });
    }
  }

  private sendFetch(leader: string, wanted: { state: FetchState; leaderEpoch: number }[]): void {
    const partitions = wanted.map(({ state, leaderEpoch }) => ({
      topic: state.tp.topic,
      partition: state.tp.partition,
      fetchOffset: state.position!,
      lastFetchedEpoch: -1,
      currentLeaderEpoch: leaderEpoch,
    }));
    const correlationId = this.tracker.send<FetchResponse>(
      leader,
      (id): FetchRequest => ({
        type: "FetchRequest",
        correlationId: id,
        replicaId: null,
        brokerEpoch: -1,
        maxWaitMs: this.config.fetchMaxWaitMs,
        minBytes: this.config.fetchMinBytes,
        maxBytes: Math.min(this.config.fetchMaxBytes, this.config.maxPartitionFetchBytes),
        partitions,
      }),
      "FetchResponse",
      this.config.requestTimeoutMs,
      (response) => this.onResponse(leader, partitions, response),
      () => this.onTimeout(leader, partitions),
    );
    this.inFlight.set(leader, correlationId);
  }

  /** KIP-320: asks `leader` where the epoch of each position's last record ends in its log. */
  private sendValidation(leader: string, wanted: { state: FetchState; leaderEpoch: number }[]): void {
    const partitions = wanted.map(({ state, leaderEpoch }) => ({
      topic: state.tp.topic,
      partition: state.tp.partition,
      currentLeaderEpoch: leaderEpoch,
      leaderEpoch: state.positionEpoch!,
    }));
    const positions = wanted.map(({ state }) => state.position!);
    const correlationId = this.tracker.send<OffsetsForLeaderEpochResponse>(
      leader,
      (id): OffsetsForLeaderEpochRequest => ({ type: "OffsetsForLeaderEpochRequest", correlationId: id, partitions }),
      "OffsetsForLeaderEpochResponse",
      this.config.requestTimeoutMs,
      (response) => this.onValidation(leader, partitions, positions, response),
      () => this.onTimeout(leader, partitions, this.validating),
    );
    this.validating.set(leader, correlationId);
  }

  /** Kafka's SubscriptionState.maybeCompleteValidation, per partition answered. */
  private onValidation(
    leader: string,
    requested: readonly OffsetsForLeaderEpochRequest["partitions"][number][],
    positions: readonly number[],
    response: OffsetsForLeaderEpochResponse,
  ): void {
    this.validating.delete(leader);
    let stale = false;
    response.partitions.forEach((answer, i) => {
      const state = this.states.get(partitionKey(answer.topic, answer.partition));
      // A seek since the request makes its answer moot.
      if (state === undefined || state.position !== positions[i]) return;
      if (answer.error !== "NONE") {
        this.backOff(answer);
        stale ||= STALE_LEADER_ERRORS.has(answer.error);
        return;
      }
      if (!this.awaitsValidation(state, requested[i]!)) return;
      if (answer.endOffset < 0 || answer.leaderEpoch < 0) {
        this.hooks.onOutOfRange(state.tp);
      } else if (answer.endOffset < state.position) {
        const reset = this.config.autoOffsetReset !== "none";
        moveTo(state, reset ? answer.endOffset : null, reset ? answer.leaderEpoch : null);
        state.positionLeaderEpoch = requested[i]!.currentLeaderEpoch;
        this.hooks.onTruncated(state.tp, state.position);
      } else {
        state.positionLeaderEpoch = Math.max(state.positionLeaderEpoch, requested[i]!.currentLeaderEpoch);
      }
    });
    if (stale) this.metadata.refresh(this.onMetadata);
    this.hooks.onFetchDone();
  }

  /**
   * Whether `state` still waits for the answer to `asked`: the position's epoch is the one asked
   * about, no leader has confirmed it since, and the leader asked is still the current one. Kafka
   * skips an answer whose request position (offset, epoch, current leader) is no longer the
   * position's: a late answer from a deposed leader must not move a position its successor confirmed.
   */
  private awaitsValidation(state: FetchState, asked: OffsetsForLeaderEpochRequest["partitions"][number]): boolean {
    const current = this.metadata.leaderOf(state.tp.topic, state.tp.partition);
    return (
      state.positionEpoch === asked.leaderEpoch &&
      state.positionLeaderEpoch < asked.currentLeaderEpoch &&
      current?.leaderEpoch === asked.currentLeaderEpoch
    );
  }

  /** Whether the metadata names a leader newer than the one the position was fetched or validated under. */
  private awaitsNewLeader(state: FetchState): boolean {
    const leader = this.metadata.leaderOf(state.tp.topic, state.tp.partition);
    return leader?.leader != null && needsValidation(state, leader.leaderEpoch);
  }

  private dropUnvalidated(state: FetchState): void {
    this.ctx.trace("consumer-fetch-dropped", {
      partition: partitionKey(state.tp.topic, state.tp.partition),
      records: state.buffered.length,
      reason: "position awaits validation by a new leader",
    });
    state.buffered = [];
    state.bufferedEpochs = [];
  }

  private backOff(tp: TopicPartition): void {
    const state = this.states.get(partitionKey(tp.topic, tp.partition));
    if (state !== undefined) state.backoffUntilUs = this.ctx.now() + msToMicros(this.config.retryBackoffMs);
  }

  private onResponse(
    leader: string,
    requested: readonly FetchRequest["partitions"][number][],
    response: FetchResponse,
  ): void {
    this.inFlight.delete(leader);
    let stale = false;
    response.partitions.forEach((result, i) => {
      const partitionStale = this.absorb(result, requested[i]?.fetchOffset ?? -1);
      if (partitionStale) this.backOff(result);
      stale ||= partitionStale;
    });
    if (stale) this.metadata.refresh(this.onMetadata);
    this.hooks.onFetchDone();
  }

  /** Takes one partition's answer; true when it says our leader is stale. */
  private absorb(result: FetchPartitionResult, fetchOffset: number): boolean {
    if (STALE_LEADER_ERRORS.has(result.error)) return true;
    const state = this.states.get(partitionKey(result.topic, result.partition));
    // A seek since the request makes its answer moot.
    if (state === undefined || state.position !== fetchOffset || state.buffered.length > 0) return false;
    if (result.error === "OFFSET_OUT_OF_RANGE") {
      this.hooks.onOutOfRange(state.tp);
      return false;
    }
    if (result.error !== "NONE") return false;
    for (const batch of result.batches) {
      batch.records.forEach((record, i) => {
        const offset = batch.baseOffset + i;
        if (offset < fetchOffset) return;
        state.buffered.push({
          topic: state.tp.topic,
          partition: state.tp.partition,
          offset,
          key: record.key,
          value: record.value,
        });
        state.bufferedEpochs.push(batch.leaderEpoch);
      });
    }
    if (state.buffered.length > 0) this.readyQueue.push(partitionKey(state.tp.topic, state.tp.partition));
    return false;
  }

  /** No answer within request.timeout.ms: the leader may be gone; refresh and let the poll fetch again. */
  private onTimeout(leader: string, requested: readonly TopicPartition[], out: Map<string, number> = this.inFlight): void {
    out.delete(leader);
    for (const tp of requested) this.backOff(tp);
    this.metadata.refresh(this.onMetadata);
    this.hooks.onFetchDone();
  }
}

/**
 * KIP-320: a position that knows the epoch of the record before it must be confirmed by a leader
 * newer than the one it was last fetched or validated under. Without that epoch (after a reset or
 * a plain seek) there is nothing to validate, as in Kafka.
 */
function needsValidation(state: FetchState, leaderEpoch: number): boolean {
  return state.positionEpoch !== null && leaderEpoch > state.positionLeaderEpoch;
}

function addTo<T>(byLeader: Map<string, T[]>, leader: string, item: T): void {
  const list = byLeader.get(leader);
  if (list === undefined) byLeader.set(leader, [item]);
  else list.push(item);
}

/**
 * Sets a partition's position and the epoch of the record before it; buffered records go. No
 * leader has confirmed the new position yet.
 */
function moveTo(state: FetchState, position: number | null, positionEpoch: number | null): void {
  state.position = position;
  state.positionEpoch = positionEpoch;
  state.positionLeaderEpoch = -1;
  state.buffered = [];
  state.bufferedEpochs = [];
}
