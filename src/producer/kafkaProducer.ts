/**
 * The producer client (Kafka's KafkaProducer + Sender): records go into the accumulator, ready
 * batches are sent to partition leaders (at most max.in.flight.requests.per.connection requests
 * per broker), answers complete them or send them back for a retry, and every outcome lands in
 * the history as ok (with offset), fail (definitely not written) or info (unknown).
 *
 * With idempotence the producer first gets a producer id, gives each batch a per-partition
 * sequence on its first send and keeps it across retries; when a batch's fate becomes unknown for
 * good (expired, or rejected out of order with nothing before it) it bumps its epoch locally and
 * starts sequences again at 0, failing (or leaving unknown) the batches sent under the old epoch.
 * Kafka 2.5+ instead renumbers those and resends them (KIP-360); ksim holds that back because
 * its partitions drop messages silently while later ones on the same connection get through
 * after the heal (TCP would retransmit the earlier ones first), which would make renumbering
 * write batches twice. (Kafka's client bumps on UNKNOWN_PRODUCER_ID too, which only older brokers
 * answer; ours, like today's, accept an unknown producer at any sequence.)
 */
import type { ProducerConfig } from "../config/producerConfig";
import type { ConnectionClosed, Message, NodeContext, TimerHandle } from "../kernel/node";
import { closedChannel } from "../protocol/connectionChannel";
import { msToMicros, type Micros } from "../kernel/time";
import type { HistoryRecorder } from "../history/recorder";
import type {
  DataMessage,
  InitProducerIdRequest,
  ProducePartitionResult,
  ProduceRequest,
  ProduceResponse,
} from "../protocol/dataMessages";
import { DATA_CONNECTION_CLOSED } from "../protocol/clientClosedConnection";
import { CorrelationIds } from "../protocol/correlationIds";
import type { ErrorName } from "../protocol/errors";
import { NO_SEQUENCE } from "../storage/recordBatch";
import { ClientMetadata } from "./clientMetadata";
import { PartitionChooser } from "./partitionChooser";
import { recordSizeBytes, type PendingRecord, type ProducerBatch } from "./producerBatch";
import { RecordAccumulator } from "./recordAccumulator";
import { maybeWritten, needsMetadataRefresh, verdictFor } from "./sendOutcome";
import { repeatEvery } from "../kernel/repeatEvery";
import { metadataRefreshPeriodMs } from "../protocol/metadataRefreshPeriod";

interface InFlightRequest {
  readonly broker: string;
  readonly batches: readonly ProducerBatch[];
  readonly timer: TimerHandle;
  /** The leader epoch we believed, per batch, for the history. */
  readonly leaderEpochs: readonly number[];
}

interface WaitingSend {
  readonly opId: number;
  readonly topic: string;
  readonly key: string | null;
  readonly value: string;
  readonly deadlineUs: Micros;
}

export interface ProducerOptions {
  readonly clientId: string;
  readonly config: ProducerConfig;
  readonly brokers: readonly string[];
  readonly topics: readonly string[];
}

const SHORT_MAX = 32767;

export class KafkaProducer {
  private readonly metadata: ClientMetadata;
  private readonly accumulator: RecordAccumulator;
  private readonly chooser: PartitionChooser;
  private readonly inFlight = new Map<number, InFlightRequest>();
  private readonly inFlightPerBroker = new Map<string, number>();
  private readonly inFlightPerPartition = new Map<string, number>();
  private readonly nextSequence = new Map<string, number>();
  /** Idempotence: per partition, batches with a sequence and no verdict yet, in sequence order. */
  private readonly unresolved = new Map<string, ProducerBatch[]>();
  private readonly waiting: WaitingSend[] = [];
  private bufferedBytes = 0;
  /** No batch queued or in flight was created before this (Infinity: none at all since the last scan). */
  private oldestPendingUs = Infinity;
  private readonly correlationIds: CorrelationIds;
  private producerId = -1;
  private producerEpoch = -1;
  private initInFlight: { correlationId: number; timer: TimerHandle; broker: string } | undefined;
  private needsEpochBump = false;
  private senderTimer: TimerHandle | undefined;
  private senderDueUs: Micros | undefined;
  private readonly config: ProducerConfig;

  constructor(
    private readonly ctx: NodeContext,
    private readonly options: ProducerOptions,
    private readonly history: HistoryRecorder,
  ) {
    this.config = options.config;
    this.correlationIds = new CorrelationIds(ctx.rng);
    this.metadata = new ClientMetadata(
      ctx,
      options.brokers,
      options.topics,
      this.config.requestTimeoutMs,
      this.config.retryBackoffMs,
      () => this.onMetadata(),
      (broker) => this.closeConnection(broker),
    );
    this.accumulator = new RecordAccumulator(this.config.batchSizeBytes, msToMicros(this.config.lingerMs));
    this.chooser = new PartitionChooser(this.config.partitioner, ctx.rng);
  }

  start(): void {
    this.metadata.refresh();
    if (this.config.enableIdempotence) this.initProducerId();
    this.refreshPeriodically();
  }

  /** Kafka's send(): recorded as invoked now; completes in the history later. */
  send(topic: string, key: string | null, value: string): void {
    const opId = this.history.newOpId();
    this.history.record({ f: "send", type: "invoke", client: this.options.clientId, id: opId, topic, key, value });
    this.waiting.push({ opId, topic, key, value, deadlineUs: this.ctx.now() + msToMicros(this.config.maxBlockMs) });
    this.admitWaiting();
  }

  /** Sends and batches still queued or in flight. */
  get pending(): number {
    let queued = 0;
    for (const batch of this.accumulator.queued()) queued += batch.records.length;
    for (const request of this.inFlight.values()) for (const batch of request.batches) queued += batch.records.length;
    return queued + this.waiting.length;
  }

  /** Handles an answer addressed to the producer; false if the message was not for it. */
  onMessage(from: string, message: Message): boolean {
    const response = message as DataMessage | ConnectionClosed;
    switch (response.type) {
      case "MetadataResponse":
        return this.metadata.onResponse(response);
      case "InitProducerIdResponse":
        if (this.initInFlight?.correlationId !== response.correlationId) return true;
        this.ctx.cancelTimer(this.initInFlight.timer);
        this.initInFlight = undefined;
        if (response.error === "NONE") {
          this.producerId = response.producerId;
          this.producerEpoch = response.producerEpoch;
          this.ctx.trace("producer-id", { producerId: this.producerId });
          this.wakeSender();
        } else this.ctx.setTimer(this.config.retryBackoffMs, () => this.initProducerId());
        return true;
      case "ProduceResponse":
        this.onProduceResponse(from, response);
        return true;
      case "ConnectionClosed":
        // A producer has only a data connection to each broker.
        if (closedChannel(response) !== "coordinator") this.onDisconnect(from);
        return true;
      default:
        return false;
    }
  }

  // ---- admission: metadata and buffer memory (both may block send up to max.block.ms) ------

  private admitWaiting(): void {
    const nowUs = this.ctx.now();
    let readyUs: Micros | undefined;
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      const partitions = this.metadata.partitionCount(next.topic);
      const sizeBytes = recordSizeBytes(next.key, next.value);
      const fits = this.bufferedBytes + sizeBytes <= this.config.bufferMemoryBytes;
      if (partitions !== undefined && fits) {
        this.waiting.shift();
        this.bufferedBytes += sizeBytes;
        const partition = this.chooser.choose(next.topic, next.key, partitions);
        const record: PendingRecord = { opId: next.opId, key: next.key, value: next.value, sizeBytes };
        const lookAtUs = this.accumulator.append(next.topic, partition, record, nowUs);
        if (nowUs < this.oldestPendingUs) this.oldestPendingUs = nowUs;
        if (lookAtUs !== undefined) readyUs = Math.min(readyUs ?? lookAtUs, lookAtUs);
        continue;
      }
      if (nowUs >= next.deadlineUs) {
        this.waiting.shift();
        const why = partitions === undefined ? "no metadata for the topic" : "buffer.memory full";
        this.complete(next.opId, next.topic, null, next.value, "fail", `TimeoutException: ${why} after max.block.ms`);
        continue;
      }
      if (partitions === undefined) this.metadata.refresh();
      this.ctx.setTimer(Math.max(0, (next.deadlineUs - nowUs) / 1000), () => this.admitWaiting());
      break;
    }
    // The sender runs only when an append changed what it could send (see RecordAccumulator.append).
    if (readyUs !== undefined) this.wakeSenderAt(readyUs);
  }

  private onMetadata(): void {
    this.admitWaiting();
    this.wakeSender();
  }

  // ---- the sender ---------------------------------------------------------------------------

  private wakeSender(): void {
    this.wakeSenderAt(this.ctx.now());
  }

  /**
   * After an answer: a ready head may now fit under the in-flight limit. Lingering heads already
   * have their wake-up due, so with nothing ready (and no epoch to bump) the sender need not run.
   */
  private wakeSenderIfReady(): void {
    if (this.needsEpochBump || this.accumulator.anyReady(this.ctx.now())) this.wakeSender();
  }

  /** Makes sure the sender runs by `dueUs`. */
  private wakeSenderAt(dueUs: Micros): void {
    if (this.senderDueUs !== undefined && this.senderDueUs <= dueUs) return;
    this.ctx.cancelTimer(this.senderTimer);
    this.senderDueUs = dueUs;
    this.senderTimer = this.ctx.setTimer((dueUs - this.ctx.now()) / 1000, () => this.runSender());
  }

  private runSender(): void {
    this.senderDueUs = undefined;
    this.senderTimer = undefined;
    const nowUs = this.ctx.now();
    this.expireBatches(nowUs);
    if (this.needsEpochBump && this.inFlight.size === 0) this.bumpEpoch();
    const idempotentReady = !this.config.enableIdempotence || (this.producerId >= 0 && !this.needsEpochBump);
    if (idempotentReady) this.sendReadyBatches(nowUs);
    this.scheduleSender(nowUs);
  }

  private scheduleSender(nowUs: Micros): void {
    let nextUs = this.accumulator.nextReadyUs(nowUs);
    const oldestUs = this.accumulator.oldestQueuedUs();
    if (oldestUs !== undefined) {
      const expiresUs = oldestUs + msToMicros(this.config.deliveryTimeoutMs);
      if (nextUs === undefined || expiresUs < nextUs) nextUs = expiresUs;
    }
    if (nextUs === undefined) return;
    this.ctx.cancelTimer(this.senderTimer);
    this.senderDueUs = Math.max(nextUs, nowUs + 1);
    this.senderTimer = this.ctx.setTimer((this.senderDueUs - nowUs) / 1000, () => this.runSender());
  }

  private sendReadyBatches(nowUs: Micros): void {
    const ready = this.accumulator.readyHeads(nowUs);
    if (ready.length === 0) return;
    const byBroker = new Map<string, { batches: ProducerBatch[]; leaderEpochs: number[] }>();
    for (const head of ready) {
      const name = head.name;
      const leader = this.metadata.leaderOf(head.topic, head.partition);
      if (leader?.leader == null) {
        this.metadata.refresh();
        continue;
      }
      if (this.config.maxInFlightRequestsPerConnection === 1 && (this.inFlightPerPartition.get(name) ?? 0) > 0) continue;
      if (this.config.enableIdempotence && !this.mayDrainIdempotent(name, head)) continue;
      const planned = byBroker.get(leader.leader);
      if ((this.inFlightPerBroker.get(leader.leader) ?? 0) + (planned ? 1 : 0) >= this.config.maxInFlightRequestsPerConnection) continue;
      const batch = this.accumulator.takeHead(name)!;
      this.prepare(batch);
      const request = planned ?? { batches: [], leaderEpochs: [] };
      request.batches.push(batch);
      request.leaderEpochs.push(leader.leaderEpoch);
      byBroker.set(leader.leader, request);
    }
    for (const [broker, { batches, leaderEpochs }] of byBroker) this.sendRequest(broker, batches, leaderEpochs);
  }

  /**
   * Kafka's rule for idempotent producers: at most max.in.flight batches per partition without a
   * verdict (a batch waiting to be retried still counts), so every duplicate the broker could see
   * is within the five batches it remembers; and a retried batch goes out only when it is the
   * first unresolved one, so sequences reach the broker in order.
   */
  private mayDrainIdempotent(name: string, head: ProducerBatch): boolean {
    const unresolved = this.unresolved.get(name) ?? [];
    if (head.baseSequence === NO_SEQUENCE) {
      return unresolved.length < this.config.maxInFlightRequestsPerConnection && unresolved.every((b) => b.inFlight);
    }
    return unresolved[0] === head;
  }

  private prepare(batch: ProducerBatch): void {
    batch.attempts++;
    batch.inFlight = true;
    if (batch.attempts === 1) {
      const count = this.metadata.partitionCount(batch.topic) ?? 1;
      this.chooser.batchSent(batch.topic, batch.partition, count);
    }
    if (this.config.enableIdempotence && batch.baseSequence === NO_SEQUENCE) {
      const sequence = this.nextSequence.get(batch.name) ?? 0;
      batch.baseSequence = sequence;
      batch.producerEpoch = this.producerEpoch;
      this.nextSequence.set(batch.name, (sequence + batch.records.length) % 0x80000000);
      const unresolved = this.unresolved.get(batch.name) ?? [];
      unresolved.push(batch);
      this.unresolved.set(batch.name, unresolved);
    }
  }

  private sendRequest(broker: string, batches: ProducerBatch[], leaderEpochs: number[]): void {
    const acks = this.config.acks === "all" ? -1 : Number(this.config.acks);
    const correlationId = this.correlationIds.take();
    const request: ProduceRequest = {
      type: "ProduceRequest",
      correlationId,
      acks,
      timeoutMs: this.config.requestTimeoutMs,
      partitions: batches.map((batch) => ({
        topic: batch.topic,
        partition: batch.partition,
        batch: {
          producerId: this.config.enableIdempotence ? this.producerId : -1,
          producerEpoch: this.config.enableIdempotence ? batch.producerEpoch : -1,
          baseSequence: this.config.enableIdempotence ? batch.baseSequence : -1,
          records: batch.records.map((r) => ({ key: r.key, value: r.value })),
        },
      })),
    };
    this.ctx.send(broker, request);
    if (acks === 0) {
      // No answer will come: the send is complete as soon as it leaves.
      batches.forEach((batch, i) => this.completeBatch(batch, "ok", undefined, broker, leaderEpochs[i]!, -1));
      return;
    }
    const timer = this.ctx.setTimer(this.config.requestTimeoutMs, () => this.onRequestTimeout(correlationId));
    this.inFlight.set(correlationId, { broker, batches, timer, leaderEpochs });
    this.countInFlight(broker, batches, +1);
  }

  private countInFlight(broker: string, batches: readonly ProducerBatch[], delta: number): void {
    this.inFlightPerBroker.set(broker, (this.inFlightPerBroker.get(broker) ?? 0) + delta);
    for (const batch of batches) this.inFlightPerPartition.set(batch.name, (this.inFlightPerPartition.get(batch.name) ?? 0) + delta);
  }

  private takeInFlight(correlationId: number): InFlightRequest | undefined {
    const request = this.inFlight.get(correlationId);
    if (request === undefined) return undefined;
    this.inFlight.delete(correlationId);
    this.ctx.cancelTimer(request.timer);
    this.countInFlight(request.broker, request.batches, -1);
    for (const batch of request.batches) batch.inFlight = false;
    return request;
  }

  private onProduceResponse(from: string, response: ProduceResponse): void {
    const request = this.takeInFlight(response.correlationId);
    if (request === undefined) return; // it timed out already
    request.batches.forEach((batch) => {
      const result = response.partitions.find((p) => p.topic === batch.topic && p.partition === batch.partition);
      this.onBatchResult(batch, result, from);
    });
    this.wakeSenderIfReady();
  }

  private onBatchResult(batch: ProducerBatch, result: ProducePartitionResult | undefined, broker: string): void {
    if (batch.done) return;
    const error: ErrorName = result?.error ?? "NETWORK_EXCEPTION";
    if (maybeWritten(error)) batch.maybeWritten = true;
    if (needsMetadataRefresh(error)) this.metadata.refresh();
    if (error === "OUT_OF_ORDER_SEQUENCE_NUMBER" && this.hasEarlierUnresolved(batch)) {
      this.retry(batch); // an earlier batch failed and will be retried first: this one follows it
      return;
    }
    const verdict = verdictFor(error, this.canRetry(batch));
    if (verdict === "ok") {
      const offset = error === "DUPLICATE_SEQUENCE_NUMBER" ? -1 : result!.baseOffset;
      this.completeBatch(batch, "ok", undefined, broker, result!.leaderEpoch, offset);
    } else if (verdict === "retry") {
      this.retry(batch);
    } else {
      if (error === "OUT_OF_ORDER_SEQUENCE_NUMBER" || error === "UNKNOWN_PRODUCER_ID") this.needsEpochBump = true;
      this.completeBatch(batch, batch.maybeWritten ? "info" : "fail", error, broker, -1, -1);
    }
  }

  /**
   * The connection to `broker` is gone (the broker closed it, or we did after a request timeout):
   * every request in flight on it fails now, and the metadata and producer-id requests move on.
   */
  private onDisconnect(broker: string): void {
    this.failProduceRequestsTo(broker);
    this.metadata.onDisconnect(broker);
    if (this.initInFlight?.broker === broker) this.retryInitProducerId();
  }

  /**
   * No answer within request.timeout.ms. Kafka's NetworkClient (handleTimedOutRequests) then
   * closes the connection, and that fails every request in flight to the broker, not only this one.
   */
  private onRequestTimeout(correlationId: number): void {
    const request = this.inFlight.get(correlationId);
    if (request !== undefined) this.closeConnection(request.broker);
  }

  /** A request to `broker` timed out: the producer closes that connection, and the broker hears of it. */
  private closeConnection(broker: string): void {
    this.ctx.send(broker, DATA_CONNECTION_CLOSED);
    this.onDisconnect(broker);
  }

  /** The connection to `broker` closed (either end, or a timeout): its produce requests fail and retry. */
  private failProduceRequestsTo(broker: string): void {
    let failed = false;
    for (const [correlationId, request] of [...this.inFlight]) {
      if (request.broker !== broker) continue;
      this.takeInFlight(correlationId);
      failed = true;
      // No answer: each batch may or may not have been appended.
      for (const batch of request.batches) {
        if (batch.done) continue;
        batch.maybeWritten = true;
        if (this.canRetry(batch)) this.retry(batch);
        else this.completeBatch(batch, "info", "REQUEST_TIMED_OUT", request.broker, -1, -1);
      }
    }
    if (!failed) return;
    this.metadata.refresh();
    this.wakeSender();
  }

  private canRetry(batch: ProducerBatch): boolean {
    const withinDelivery = this.ctx.now() < batch.createdUs + msToMicros(this.config.deliveryTimeoutMs);
    return batch.attempts <= this.config.retries && withinDelivery;
  }

  private retry(batch: ProducerBatch): void {
    batch.retryAtUs = this.ctx.now() + msToMicros(this.config.retryBackoffMs);
    this.accumulator.reenqueue(batch, this.config.enableIdempotence);
    this.wakeSenderAt(batch.retryAtUs);
  }

  /** Idempotence: a batch with a lower sequence for the same partition is still unresolved. */
  private hasEarlierUnresolved(batch: ProducerBatch): boolean {
    for (const request of this.inFlight.values()) {
      for (const other of request.batches) {
        if (other !== batch && other.name === batch.name && !other.done && other.baseSequence < batch.baseSequence) return true;
      }
    }
    for (const other of this.accumulator.queued()) {
      if (other.name === batch.name && other.attempts > 0 && other.baseSequence < batch.baseSequence) return true;
    }
    return false;
  }

  /** Batches past delivery.timeout.ms fail (never sent) or end unknown (sent, no verdict). */
  private expireBatches(nowUs: Micros): void {
    const deadlineUs = msToMicros(this.config.deliveryTimeoutMs);
    // Nothing can have expired before the oldest record admitted since the last scan could: skip the scan.
    if (nowUs < this.oldestPendingUs + deadlineUs) return;
    this.oldestPendingUs = Infinity;
    const expired: ProducerBatch[] = [];
    for (const batch of this.accumulator.queued()) if (nowUs >= batch.createdUs + deadlineUs) expired.push(batch);
    for (const request of this.inFlight.values()) {
      for (const batch of request.batches) if (!batch.done && nowUs >= batch.createdUs + deadlineUs) expired.push(batch);
    }
    for (const batch of this.accumulator.queued()) this.oldestPendingUs = Math.min(this.oldestPendingUs, batch.createdUs);
    for (const request of this.inFlight.values()) {
      for (const batch of request.batches) if (!batch.done) this.oldestPendingUs = Math.min(this.oldestPendingUs, batch.createdUs);
    }
    for (const batch of expired) {
      this.accumulator.remove(batch);
      const unknown = batch.inFlight || batch.maybeWritten;
      if (this.config.enableIdempotence && batch.attempts > 0) this.needsEpochBump = true;
      this.completeBatch(batch, unknown ? "info" : "fail", "TimeoutException: delivery.timeout.ms", "", -1, -1);
    }
  }

  /** Idempotent producer, local epoch bump: sequences restart at 0 under the new epoch. */
  private bumpEpoch(): void {
    this.needsEpochBump = false;
    this.producerEpoch = this.producerEpoch >= SHORT_MAX ? 0 : this.producerEpoch + 1;
    this.nextSequence.clear();
    for (const batch of [...this.accumulator.queued()]) {
      if (batch.attempts > 0) {
        // Sent under the old epoch and maybe written: resending it under the new one could duplicate it.
        this.accumulator.remove(batch);
        this.completeBatch(batch, "info", "epoch bumped while unresolved", "", -1, -1);
      } else {
        batch.baseSequence = NO_SEQUENCE;
      }
    }
    this.ctx.trace("producer-epoch-bump", { producerId: this.producerId, producerEpoch: this.producerEpoch });
  }

  private completeBatch(
    batch: ProducerBatch,
    outcome: "ok" | "fail" | "info",
    error: string | undefined,
    broker: string,
    leaderEpoch: number,
    baseOffset: number,
  ): void {
    if (batch.done) return;
    batch.done = true;
    const unresolved = this.unresolved.get(batch.name);
    const index = unresolved?.indexOf(batch) ?? -1;
    if (index >= 0) unresolved!.splice(index, 1);
    batch.records.forEach((record, i) => {
      this.bufferedBytes -= record.sizeBytes;
      if (outcome === "ok") {
        this.history.record({
          f: "send",
          type: "ok",
          client: this.options.clientId,
          id: record.opId,
          topic: batch.topic,
          partition: batch.partition,
          offset: baseOffset < 0 ? -1 : baseOffset + i,
          value: record.value,
          leader: broker,
          leaderEpoch,
        });
      } else {
        this.complete(record.opId, batch.topic, batch.partition, record.value, outcome, error ?? "unknown");
      }
    });
    if (this.waiting.length > 0) this.admitWaiting();
  }

  private complete(opId: number, topic: string, partition: number | null, value: string, type: "fail" | "info", error: string): void {
    this.history.record({ f: "send", type, client: this.options.clientId, id: opId, topic, partition, value, error });
  }

  private initProducerId(): void {
    const correlationId = this.correlationIds.take();
    const broker = this.ctx.rng.pick(this.options.brokers);
    const request: InitProducerIdRequest = { type: "InitProducerIdRequest", correlationId };
    this.ctx.send(broker, request);
    // A timeout closes the connection, as a produce request's does (see onRequestTimeout).
    const timer = this.ctx.setTimer(this.config.requestTimeoutMs, () => this.onDisconnect(broker));
    this.initInFlight = { correlationId, timer, broker };
  }

  private retryInitProducerId(): void {
    this.ctx.cancelTimer(this.initInFlight?.timer);
    this.initInFlight = undefined;
    this.initProducerId();
  }

  private refreshPeriodically(): void {
    repeatEvery(this.ctx, metadataRefreshPeriodMs(this.config), () => this.metadata.refresh());
  }
}
