/**
 * The partitions this broker holds, and the data path through them: produce (acks 0, 1, all;
 * min.insync.replicas before and after the append; idempotent producers), fetches (answered by
 * FetchHandler; a follower's fetch moves its LEO here), the high watermark, ISR shrinks and
 * expansions proposed to the controller, and roles taken from controller metadata.
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import { msToMicros } from "../kernel/time";
import type { AlterPartitionRequest, AlterPartitionResponse } from "../protocol/controllerMessages";
import type {
  FetchRequest,
  ListOffsetsRequest,
  OffsetsForLeaderEpochRequest,
  OffsetsForLeaderEpochResponse,
  ListOffsetsResponse,
  ProducePartitionData,
  ProducePartitionResult,
  ProduceRequest,
  ProduceResponse,
} from "../protocol/dataMessages";
import { EARLIEST_TIMESTAMP } from "../protocol/dataMessages";
import type { ErrorName } from "../protocol/errors";
import { partitionKey, type MetadataImage, type PartitionState } from "../protocol/metadata";
import type { BrokerDisk, PartitionStore } from "../storage/brokerDisk";
import { UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET } from "../storage/leaderEpochCache";
import { loadEpochCache } from "../storage/partitionRecovery";
import { lastOffsetOf, type KafkaRecord, type RecordBatch } from "../storage/recordBatch";
import { topicSettings, type BrokerSettings } from "./brokerSettings";
import { FetchHandler } from "./fetchHandler";
import { type IsrRules, Partition } from "./partition";
import { ProducePurgatory, resolvePending, type DelayedProduce, type PendingPartition } from "./producePurgatory";

/**
 * How long a leader waits for the controller to answer an AlterPartition before it sends it again.
 * The proposal stays pending meanwhile: the controller may have committed it, so an expansion
 * must keep counting in the HW until an answer or newer metadata settles it (as Kafka's
 * AlterPartitionManager retries rather than forgetting).
 */
const ALTER_PARTITION_RETRY_MS = 5000;

export interface ReplicaManagerHooks {
  brokerEpoch(): number;
  /** A partition became leader or follower here (the group coordinator follows __consumer_offsets). */
  roleChanged(partition: Partition): void;
  sendAlterPartition(request: AlterPartitionRequest): void;
  /** This broker now follows `leader` for `name` (null: stop fetching it). */
  followerChanged(name: string, leader: string | null): void;
}

export class ReplicaManager {
  readonly partitions = new Map<string, Partition>();
  private readonly producePurgatory = new ProducePurgatory();
  private readonly fetches: FetchHandler;
  private readonly alterTimers = new Map<string, TimerHandle>();
  private metadataVersion = -1;
  /** The partition states of the last image applied, by position in the image. */
  private readonly appliedStates: PartitionState[] = [];
  /** Registered, unfenced brokers as of the last image applied. */
  private liveBrokers: ReadonlySet<string> = new Set();
  /** The ISR rules every partition this broker leads follows. */
  private readonly isrRules: IsrRules;

  constructor(
    private readonly ctx: NodeContext<BrokerDisk>,
    private readonly settings: BrokerSettings,
    private readonly hooks: ReplicaManagerHooks,
  ) {
    this.isrRules = {
      replicaLagTimeMaxUs: msToMicros(settings.replicaLagTimeMaxMs),
      isIsrEligible: (replicaId) => this.liveBrokers.has(replicaId),
    };
    this.fetches = new FetchHandler(ctx, this.partitions, (partition, replicaId, fetchOffset, brokerEpoch) =>
      this.recordFollowerFetch(partition, replicaId, fetchOffset, brokerEpoch),
    );
  }

  get appliedMetadataVersion(): number {
    return this.metadataVersion;
  }

  /** Recovers every partition on disk after a (re)start. */
  loadFromDisk(): void {
    const disk = this.ctx.disk;
    const checkpoint = disk.highWatermarkCheckpoint.read() ?? {};
    for (const name of disk.partitionNames()) {
      const [topic, index] = splitName(name);
      const partition = this.openPartition(name, topic, index, disk.partition(name)!, checkpoint[name] ?? 0);
      if (this.settings.replicationTruncation === "high-watermark") {
        this.truncate(partition, partition.highWatermark, "restart: legacy truncation to the checkpointed HW");
      }
    }
  }

  applyMetadata(image: MetadataImage): void {
    if (image.version <= this.metadataVersion) return;
    this.metadataVersion = image.version;
    this.liveBrokers = new Set(image.liveBrokers);
    image.partitions.forEach((state, i) => {
      // The controller replaces a partition's state object when it changes, and applying the same
      // state twice changes nothing, so only new objects need a look (KRaft brokers apply deltas).
      if (this.appliedStates[i] === state) return;
      this.appliedStates[i] = state;
      if (state.replicas.includes(this.settings.brokerId)) this.applyPartitionState(state);
    });
  }

  private applyPartitionState(state: PartitionState): void {
    const partition = this.partitionFor(state);
    const self = this.settings.brokerId;
    if (state.leaderEpoch < partition.leaderEpoch) return; // stale
    if (state.leaderEpoch === partition.leaderEpoch) {
      if (state.partitionEpoch > partition.partitionEpoch) this.adoptIsr(partition, state);
      return;
    }
    if (state.leader === self) this.becomeLeader(partition, state);
    else this.becomeFollower(partition, state);
  }

  private partitionFor(state: PartitionState): Partition {
    const name = partitionKey(state.topic, state.partition);
    let partition = this.partitions.get(name);
    if (partition === undefined) {
      const store = this.ctx.disk.createPartition(name, topicSettings(this.settings, state.topic).log);
      partition = this.openPartition(name, state.topic, state.partition, store, 0);
    }
    return partition;
  }

  /** A replica this process loaded or created: its epoch cache loaded, its flush.ms clock started now. */
  private openPartition(name: string, topic: string, index: number, store: PartitionStore, highWatermark: number): Partition {
    store.log.startFlushClock(this.ctx.now());
    const minIsr = topicSettings(this.settings, topic).minInsyncReplicas;
    const epochCache = loadEpochCache(store, this.ctx.now());
    const partition = new Partition(name, topic, index, store, epochCache, highWatermark, minIsr, this.isrRules);
    this.partitions.set(name, partition);
    return partition;
  }

  private becomeLeader(partition: Partition, state: PartitionState): void {
    partition.becomeLeader(state, this.settings.brokerId, this.ctx.now());
    this.hooks.followerChanged(partition.name, null);
    this.ctx.trace("become-leader", {
      partition: partition.name,
      leaderEpoch: state.leaderEpoch,
      logEndOffset: partition.logEndOffset,
      highWatermark: partition.highWatermark,
    });
    if (partition.maybeIncrementHighWatermark(this.ctx.now())) this.onHighWatermarkChanged(partition);
    this.hooks.roleChanged(partition);
  }

  private becomeFollower(partition: Partition, state: PartitionState): void {
    const wasLeader = partition.role === "leader";
    partition.becomeFollower(state);
    this.ctx.trace("become-follower", {
      partition: partition.name,
      leaderEpoch: state.leaderEpoch,
      leader: state.leader ?? "none",
      logEndOffset: partition.logEndOffset,
    });
    if (this.settings.replicationTruncation === "high-watermark") {
      this.truncate(partition, partition.highWatermark, "became follower: legacy truncation to the HW");
    }
    if (wasLeader) this.failWaitingProduces(partition);
    this.hooks.followerChanged(partition.name, state.leader === this.settings.brokerId ? null : state.leader);
    this.hooks.roleChanged(partition);
  }

  private adoptIsr(partition: Partition, state: PartitionState): void {
    partition.adopt(state);
    partition.pendingIsr = undefined;
    if (partition.role === "leader") this.afterIsrChange(partition);
  }

  // ---- produce ------------------------------------------------------------------------------

  handleProduce(from: string, request: ProduceRequest): void {
    const pending = request.partitions.map((data) => this.appendToLeader(data, request.acks));
    if (request.acks === 0) return;
    this.awaitProduce(pending, request.timeoutMs, (partitions) => {
      const response: ProduceResponse = { type: "ProduceResponse", correlationId: request.correlationId, partitions };
      this.ctx.send(from, response);
    });
  }

  /**
   * The group coordinator's writes to __consumer_offsets: an acks=all append of `records` to a
   * partition this broker leads, answered through `done` like any produce.
   */
  appendInternal(topic: string, partition: number, records: readonly KafkaRecord[], timeoutMs: number, done: (result: ProducePartitionResult) => void): void {
    const batch = { producerId: -1, producerEpoch: -1, baseSequence: -1, records };
    const pending = this.appendToLeader({ topic, partition, batch }, -1);
    this.awaitProduce([pending], timeoutMs, (results) => done(results[0]!));
  }

  private awaitProduce(pending: PendingPartition[], timeoutMs: number, respond: (results: ProducePartitionResult[]) => void): void {
    const delayed: DelayedProduce = { respond, partitions: pending, timer: undefined, done: false };
    if (this.tryCompleteProduce(delayed)) return;
    delayed.timer = this.ctx.setTimer(timeoutMs, () => this.expireProduce(delayed));
    this.producePurgatory.add(delayed);
  }

  private appendToLeader(data: ProducePartitionData, acks: number): PendingPartition {
    const name = partitionKey(data.topic, data.partition);
    const partition = this.partitions.get(name);
    const pending: PendingPartition = {
      name,
      topic: data.topic,
      partition: data.partition,
      baseOffset: -1,
      requiredOffset: -1,
      leaderEpoch: partition?.leaderEpoch ?? -1,
      result: undefined,
    };
    if (partition === undefined || partition.role !== "leader") {
      resolvePending(pending, "NOT_LEADER_OR_FOLLOWER");
      return pending;
    }
    const minIsr = topicSettings(this.settings, data.topic).minInsyncReplicas;
    if (acks === -1 && partition.isr.length < minIsr) {
      resolvePending(pending, "NOT_ENOUGH_REPLICAS");
      return pending;
    }
    const batch = data.batch;
    if (batch.producerId >= 0) {
      const check = partition.producerState.check(
        batch.producerId,
        batch.producerEpoch,
        batch.baseSequence,
        batch.records.length,
      );
      if (check.kind === "duplicate") {
        return this.accepted(pending, check.baseOffset, check.lastOffset, acks);
      }
      if (check.kind === "out-of-order") {
        resolvePending(pending, "OUT_OF_ORDER_SEQUENCE_NUMBER");
        return pending;
      }
      if (check.kind === "fenced") {
        resolvePending(pending, "INVALID_PRODUCER_EPOCH");
        return pending;
      }
    }
    const appended: RecordBatch = {
      baseOffset: partition.logEndOffset,
      leaderEpoch: partition.leaderEpoch,
      producerId: batch.producerId,
      producerEpoch: batch.producerEpoch,
      baseSequence: batch.baseSequence,
      records: batch.records,
    };
    partition.appendAsLeader(appended, this.ctx.now());
    this.ctx.trace("append", {
      partition: name,
      baseOffset: appended.baseOffset,
      count: appended.records.length,
      leaderEpoch: appended.leaderEpoch,
    });
    this.fetches.wake(name, true);
    if (partition.maybeIncrementHighWatermark(this.ctx.now())) this.onHighWatermarkChanged(partition);
    return this.accepted(pending, appended.baseOffset, lastOffsetOf(appended), acks);
  }

  private accepted(pending: PendingPartition, baseOffset: number, lastOffset: number, acks: number): PendingPartition {
    const accepted: PendingPartition = { ...pending, baseOffset, requiredOffset: lastOffset + 1 };
    if (acks !== -1) resolvePending(accepted, "NONE");
    return accepted;
  }

  /** Resolves what it can; answers and returns true once nothing is left pending. */
  private tryCompleteProduce(delayed: DelayedProduce): boolean {
    if (delayed.done) return true;
    for (const pending of delayed.partitions) {
      if (pending.result !== undefined) continue;
      const partition = this.partitions.get(pending.name);
      if (partition === undefined || partition.role !== "leader" || partition.leaderEpoch !== pending.leaderEpoch) {
        resolvePending(pending, "NOT_LEADER_OR_FOLLOWER");
      } else if (partition.highWatermark >= pending.requiredOffset) {
        const minIsr = topicSettings(this.settings, pending.topic).minInsyncReplicas;
        resolvePending(pending, partition.isr.length < minIsr ? "NOT_ENOUGH_REPLICAS_AFTER_APPEND" : "NONE");
      }
    }
    if (delayed.partitions.some((pending) => pending.result === undefined)) return false;
    this.respondProduce(delayed);
    return true;
  }

  private expireProduce(delayed: DelayedProduce): void {
    if (delayed.done) return;
    for (const pending of delayed.partitions) if (pending.result === undefined) resolvePending(pending, "REQUEST_TIMED_OUT");
    this.respondProduce(delayed);
  }

  private respondProduce(delayed: DelayedProduce): void {
    delayed.done = true;
    this.ctx.cancelTimer(delayed.timer);
    delayed.respond(delayed.partitions.map((pending) => pending.result!));
  }

  private completeWaitingProduces(partition: Partition): void {
    const waiting = this.producePurgatory.takeWaitingOn(partition.name);
    const still = waiting.filter((delayed) => !this.tryCompleteProduce(delayed));
    this.producePurgatory.putBack(partition.name, still);
  }

  private failWaitingProduces(partition: Partition): void {
    this.completeWaitingProduces(partition); // leadership is gone: pending entries resolve as NOT_LEADER
  }

  // ---- fetch --------------------------------------------------------------------------------

  handleFetch(from: string, request: FetchRequest): void {
    this.fetches.handle(from, request);
  }

  /** Leader: a follower fetched `partition` at `fetchOffset` (its LEO): HW and ISR may move. */
  private recordFollowerFetch(partition: Partition, replicaId: string, fetchOffset: number, brokerEpoch: number): void {
    if (partition.recordFollowerFetch(replicaId, fetchOffset, brokerEpoch, this.ctx.now())) {
      this.onHighWatermarkChanged(partition);
    }
    this.maybeExpandIsr(partition, replicaId);
  }

  handleListOffsets(from: string, request: ListOffsetsRequest): void {
    const partitions = request.partitions.map((p) => {
      const partition = this.partitions.get(partitionKey(p.topic, p.partition));
      if (partition === undefined || partition.role !== "leader") {
        return { topic: p.topic, partition: p.partition, error: "NOT_LEADER_OR_FOLLOWER" as ErrorName, offset: -1, leaderEpoch: -1 };
      }
      const offset = p.timestamp === EARLIEST_TIMESTAMP ? partition.log.logStartOffset : partition.highWatermark;
      return { topic: p.topic, partition: p.partition, error: "NONE" as ErrorName, offset, leaderEpoch: partition.leaderEpoch };
    });
    const response: ListOffsetsResponse = { type: "ListOffsetsResponse", correlationId: request.correlationId, partitions };
    this.ctx.send(from, response);
  }

  /**
   * A consumer's position check after a leader change (KIP-320): where the asked epoch ends in
   * this leader's log. The current leader epoch is checked as a Fetch's is.
   */
  handleOffsetsForLeaderEpoch(from: string, request: OffsetsForLeaderEpochRequest): void {
    const partitions = request.partitions.map((p) => {
      const partition = this.partitions.get(partitionKey(p.topic, p.partition));
      const answer = (error: ErrorName, end = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET }) => ({
        topic: p.topic,
        partition: p.partition,
        error,
        leaderEpoch: end.epoch,
        endOffset: end.endOffset,
      });
      if (partition === undefined || partition.role !== "leader") return answer("NOT_LEADER_OR_FOLLOWER");
      if (p.currentLeaderEpoch < partition.leaderEpoch) return answer("FENCED_LEADER_EPOCH");
      if (p.currentLeaderEpoch > partition.leaderEpoch) return answer("UNKNOWN_LEADER_EPOCH");
      return answer("NONE", partition.endOffsetForEpoch(p.leaderEpoch));
    });
    const response: OffsetsForLeaderEpochResponse = { type: "OffsetsForLeaderEpochResponse", correlationId: request.correlationId, partitions };
    this.ctx.send(from, response);
  }

  // ---- high watermark and ISR ---------------------------------------------------------------

  onHighWatermarkChanged(partition: Partition): void {
    this.ctx.trace("hw", {
      partition: partition.name,
      highWatermark: partition.highWatermark,
      leaderEpoch: partition.leaderEpoch,
      leader: partition.role === "leader",
    });
    if (partition.role === "leader") {
      this.completeWaitingProduces(partition);
      this.fetches.wake(partition.name, false);
    }
  }

  /** Periodic: propose shrinking the ISR of every led partition with lagging members. */
  shrinkIsrs(): void {
    for (const partition of this.partitions.values()) {
      if (partition.role !== "leader" || partition.pendingIsr !== undefined) continue;
      const outOfSync = partition.outOfSyncReplicas(this.ctx.now());
      if (outOfSync.length === 0) continue;
      this.proposeIsr(partition, partition.isr.filter((id) => !outOfSync.includes(id)));
    }
  }

  /**
   * The follower that just fetched may rejoin (Kafka judges only the fetching follower: another
   * one's last known position says nothing about whether it is still fetching). Not while this
   * broker's metadata says the follower's broker is fenced (Kafka's isReplicaIsrEligible): the
   * controller would refuse it, and a proposal in flight holds back every ISR shrink.
   */
  private maybeExpandIsr(partition: Partition, replicaId: string): void {
    if (partition.pendingIsr !== undefined || !this.isrRules.isIsrEligible(replicaId)) return;
    if (!partition.mayRejoin(replicaId)) return;
    this.proposeIsr(partition, [...partition.isr, replicaId]);
  }

  private proposeIsr(partition: Partition, newIsr: readonly string[]): void {
    partition.pendingIsr = newIsr;
    this.ctx.trace("isr-propose", { partition: partition.name, isr: newIsr.join(","), partitionEpoch: partition.partitionEpoch });
    this.sendAlterPartition(partition, newIsr);
  }

  private sendAlterPartition(partition: Partition, newIsr: readonly string[]): void {
    this.hooks.sendAlterPartition({
      type: "AlterPartitionRequest",
      brokerId: this.settings.brokerId,
      brokerEpoch: this.hooks.brokerEpoch(),
      topic: partition.topic,
      partition: partition.index,
      leaderEpoch: partition.leaderEpoch,
      partitionEpoch: partition.partitionEpoch,
      newIsr,
      newIsrBrokerEpochs: Object.fromEntries(
        newIsr.map((id) => [id, id === this.settings.brokerId ? this.hooks.brokerEpoch() : (partition.followers.get(id)?.brokerEpoch ?? -1)]),
      ),
    });
    this.ctx.cancelTimer(this.alterTimers.get(partition.name));
    this.alterTimers.set(
      partition.name,
      this.ctx.setTimer(ALTER_PARTITION_RETRY_MS, () => {
        if (partition.role === "leader" && partition.pendingIsr === newIsr) this.sendAlterPartition(partition, newIsr);
      }),
    );
  }

  /**
   * The controller's answer settles the proposal only when it says what became of it: applied
   * (NONE) or refused as it stood (INELIGIBLE_REPLICA). Any other error may answer a resend of a
   * proposal that was applied meanwhile (INVALID_UPDATE_VERSION) or a stale leadership: the
   * proposal stays pending until metadata replaces it, as Kafka's Partition does, since dropping
   * it could leave out of the HW a replica the controller put in the ISR. A stale broker epoch
   * is retried.
   */
  onAlterPartitionResponse(response: AlterPartitionResponse): void {
    const partition = this.partitions.get(partitionKey(response.topic, response.partition));
    if (partition === undefined || partition.role !== "leader" || partition.pendingIsr === undefined) return;
    const error = response.error;
    if (error === "STALE_BROKER_EPOCH") return; // the retry timer sends it again
    this.ctx.cancelTimer(this.alterTimers.get(partition.name));
    if (error !== "NONE" && error !== "INELIGIBLE_REPLICA") return;
    partition.pendingIsr = undefined;
    const state = response.state;
    if (error === "NONE" && state !== undefined && state.leaderEpoch === partition.leaderEpoch) {
      if (state.partitionEpoch > partition.partitionEpoch) partition.adopt(state);
    }
    this.afterIsrChange(partition);
  }

  private afterIsrChange(partition: Partition): void {
    if (partition.maybeIncrementHighWatermark(this.ctx.now())) this.onHighWatermarkChanged(partition);
    else this.completeWaitingProduces(partition);
  }

  /**
   * Periodic: Kafka's log flusher (LogManager.flushDirtyLogs). Each log whose last flush is at
   * least its flush.ms old is fsynced to its end.
   */
  flushDirtyLogs(): void {
    const nowUs = this.ctx.now();
    for (const partition of this.partitions.values()) {
      const log = partition.log;
      const flushMs = log.config.durability.flushMs;
      if (flushMs === null || nowUs - log.lastFlushUs < msToMicros(flushMs)) continue;
      if (log.durableEndOffset >= log.logEndOffset) continue; // nothing new: Kafka's flush is a no-op
      log.flush(nowUs);
      this.ctx.trace("flush", { partition: partition.name, endOffset: log.logEndOffset });
    }
  }

  /** Periodic: Kafka's log retention task, over every partition replica on this broker. */
  enforceRetention(): void {
    for (const partition of this.partitions.values()) {
      if (!partition.enforceRetention(this.ctx.now())) continue;
      this.ctx.trace("retention", { partition: partition.name, logStartOffset: partition.log.logStartOffset });
    }
  }

  /** Periodic: the replication-offset-checkpoint file. */
  checkpointHighWatermarks(): void {
    const highWatermarks: Record<string, number> = {};
    for (const [name, partition] of this.partitions) highWatermarks[name] = partition.highWatermark;
    this.ctx.disk.highWatermarkCheckpoint.write(highWatermarks, this.ctx.now());
  }

  truncate(partition: Partition, offset: number, reason: string): void {
    const removesRecords = offset < partition.logEndOffset;
    partition.truncateTo(offset, this.ctx.now());
    if (!removesRecords) return;
    this.ctx.trace("truncate", { partition: partition.name, toOffset: partition.logEndOffset, reason });
  }
}

function splitName(name: string): [string, number] {
  const dash = name.lastIndexOf("-");
  return [name.slice(0, dash), Number(name.slice(dash + 1))];
}
