/**
 * Per-partition queues of batches (Kafka's RecordAccumulator): records join the last batch of
 * their partition until it reaches batch.size; a batch is ready once full, once linger.ms has
 * passed, once another batch waits behind it, or once its retry backoff has passed.
 */
import type { Micros } from "../kernel/time";
import { newBatch, type PendingRecord, type ProducerBatch } from "./producerBatch";

const NONE_READY: readonly ProducerBatch[] = [];

export class RecordAccumulator {
  private readonly queues = new Map<string, ProducerBatch[]>();
  /** The same queues by topic and partition number, so an append builds no name. */
  private readonly queuesByTopic = new Map<string, ProducerBatch[][]>();

  constructor(
    private readonly batchSizeBytes: number,
    private readonly lingerUs: Micros,
  ) {}

  /**
   * Adds a record to its partition's last batch (or a new one) and says when the sender must look
   * at the partition because of it: now, if this append made the head batch ready; when linger.ms
   * ends, if it opened a new head batch; undefined if the sender already knows (the head was ready
   * before, or lingers with its wake-up already due). A head that was ready and is still unsent is
   * held back (in-flight limit, no leader), and only an answer or new metadata can change that.
   */
  append(topic: string, partition: number, record: PendingRecord, nowUs: Micros): Micros | undefined {
    const queue = this.queueOf(topic, partition);
    const headWasReady = queue.length > 0 && this.headReady(queue, nowUs);
    let last = queue[queue.length - 1];
    const fits = last !== undefined && last.attempts === 0 && last.sizeBytes + record.sizeBytes <= this.batchSizeBytes;
    if (!fits) {
      last = newBatch(topic, partition, nowUs);
      queue.push(last);
    }
    last!.records.push(record);
    last!.sizeBytes += record.sizeBytes;
    if (headWasReady) return undefined;
    if (this.headReady(queue, nowUs)) return nowUs;
    return queue.length === 1 && last!.records.length === 1 ? last!.createdUs + this.lingerUs : undefined;
  }

  private queueOf(topic: string, partition: number): ProducerBatch[] {
    let byPartition = this.queuesByTopic.get(topic);
    if (byPartition === undefined) this.queuesByTopic.set(topic, (byPartition = []));
    let queue = byPartition[partition];
    if (queue === undefined) {
      queue = [];
      byPartition[partition] = queue;
      this.queues.set(`${topic}-${partition}`, queue);
    }
    return queue;
  }

  /**
   * A retried batch goes back to the head of its queue. With sequences (idempotence) retried
   * batches line up in sequence order, as Kafka's insertInSequenceOrder does; without, the last
   * retried goes first, which is how a non-idempotent producer reorders.
   */
  reenqueue(batch: ProducerBatch, inSequenceOrder: boolean): void {
    const queue = this.queueOf(batch.topic, batch.partition);
    if (!inSequenceOrder) {
      queue.unshift(batch);
      return;
    }
    const at = queue.findIndex((other) => other.baseSequence < 0 || other.baseSequence > batch.baseSequence);
    queue.splice(at < 0 ? queue.length : at, 0, batch);
  }

  /** The head batches that may be sent now, in a stable partition order. */
  readyHeads(nowUs: Micros): readonly ProducerBatch[] {
    let ready: ProducerBatch[] | undefined;
    for (const queue of this.queues.values()) {
      if (queue.length > 0 && this.headReady(queue, nowUs)) (ready ??= []).push(queue[0]!);
    }
    return ready ?? NONE_READY;
  }

  /** Whether any head batch may be sent now. */
  anyReady(nowUs: Micros): boolean {
    for (const queue of this.queues.values()) if (queue.length > 0 && this.headReady(queue, nowUs)) return true;
    return false;
  }

  private headReady(queue: readonly ProducerBatch[], nowUs: Micros): boolean {
    const head = queue[0]!;
    if (head.attempts > 0) return nowUs >= head.retryAtUs;
    return queue.length > 1 || head.sizeBytes >= this.batchSizeBytes || nowUs >= head.createdUs + this.lingerUs;
  }

  /**
   * When the earliest head that is not ready yet becomes ready by time alone. Heads that are ready
   * but held back (no leader known, in-flight limit) are woken by answers and metadata instead.
   */
  nextReadyUs(nowUs: Micros): Micros | undefined {
    let next: Micros | undefined;
    for (const queue of this.queues.values()) {
      if (queue.length === 0 || this.headReady(queue, nowUs)) continue;
      const head = queue[0]!;
      const at = head.attempts > 0 ? head.retryAtUs : head.createdUs + this.lingerUs;
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /** When the oldest queued batch was created (undefined: nothing queued). */
  oldestQueuedUs(): Micros | undefined {
    let oldest: Micros | undefined;
    for (const queue of this.queues.values()) {
      for (const batch of queue) if (oldest === undefined || batch.createdUs < oldest) oldest = batch.createdUs;
    }
    return oldest;
  }

  takeHead(name: string): ProducerBatch | undefined {
    return this.queues.get(name)?.shift();
  }

  /** Every queued (not in-flight) batch. */
  *queued(): Generator<ProducerBatch> {
    for (const queue of this.queues.values()) yield* queue;
  }

  remove(batch: ProducerBatch): void {
    const queue = this.queues.get(batch.name);
    const index = queue?.indexOf(batch) ?? -1;
    if (index >= 0) queue!.splice(index, 1);
  }
}
