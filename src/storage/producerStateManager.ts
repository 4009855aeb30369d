/**
 * Idempotent-producer state for one partition replica, after Kafka's ProducerStateManager and
 * ProducerAppendInfo. The leader `check`s a client batch before appending it; leader and
 * followers alike `update` with every batch that reaches their log, so a new leader can
 * deduplicate retries sent to the old one. After truncation or restart the state is `rebuild`t
 * from the log alone (Kafka also uses snapshot files; see the note on rebuild).
 */
import { NO_PRODUCER_ID, NO_SEQUENCE, lastOffsetOf, type RecordBatch } from "./recordBatch";
import { ProducerStateEntry } from "./producerStateEntry";
import { incrementSequence, isNextSequence, lastSequenceOf } from "./sequenceNumber";

export { PRODUCER_BATCHES_KEPT } from "./producerStateEntry";

export type SequenceCheck =
  | { readonly kind: "append" }
  /** An exact retry of a kept batch: answer with its original offsets, append nothing. */
  | { readonly kind: "duplicate"; readonly baseOffset: number; readonly lastOffset: number }
  /** OUT_OF_ORDER_SEQUENCE_NUMBER. */
  | { readonly kind: "out-of-order"; readonly expectedSequence: number }
  /** INVALID_PRODUCER_EPOCH: the batch's producer epoch is older than the one known. */
  | { readonly kind: "fenced"; readonly currentEpoch: number };

const APPEND: SequenceCheck = { kind: "append" };

export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>();

  /**
   * Judges a client batch in Kafka's order: duplicate detection first (same epoch, same sequence
   * range as one of the last PRODUCER_BATCHES_KEPT batches), then the epoch check, then the
   * sequence check. An unknown producer id may start at any sequence; a bumped epoch must start
   * at sequence 0; within an epoch the batch must directly follow the last one, wrapping at 2^31-1.
   */
  check(producerId: number, producerEpoch: number, baseSequence: number, recordCount: number): SequenceCheck {
    if (producerId === NO_PRODUCER_ID) return APPEND;
    const entry = this.producers.get(producerId);
    if (entry === undefined) return APPEND;
    const lastSequence = incrementSequence(baseSequence, recordCount - 1);
    const duplicate = entry.findDuplicate(producerEpoch, baseSequence, lastSequence);
    if (duplicate !== undefined) {
      return {
        kind: "duplicate",
        baseOffset: duplicate.lastOffset - duplicate.offsetDelta,
        lastOffset: duplicate.lastOffset,
      };
    }
    if (producerEpoch < entry.producerEpoch) return { kind: "fenced", currentEpoch: entry.producerEpoch };
    if (producerEpoch !== entry.producerEpoch) {
      return baseSequence === 0 ? APPEND : { kind: "out-of-order", expectedSequence: 0 };
    }
    const currentLastSequence = entry.lastSequence ?? NO_SEQUENCE;
    if (isNextSequence(currentLastSequence, baseSequence)) return APPEND;
    return { kind: "out-of-order", expectedSequence: incrementSequence(currentLastSequence, 1) };
  }

  /**
   * Records a batch that is now in the log. No validation: on a follower the leader already
   * judged it (Kafka's REPLICATION origin), and the log is the authority.
   */
  update(batch: RecordBatch): void {
    if (batch.producerId === NO_PRODUCER_ID) return;
    let entry = this.producers.get(batch.producerId);
    if (entry === undefined) {
      entry = new ProducerStateEntry(batch.producerEpoch);
      this.producers.set(batch.producerId, entry);
    }
    const lastOffset = lastOffsetOf(batch);
    entry.addBatch(batch.producerEpoch, {
      lastSequence: lastSequenceOf(batch),
      lastOffset,
      offsetDelta: lastOffset - batch.baseOffset,
    });
  }

  /**
   * Forgets everything and replays `batches` (the log, in offset order). Kafka restores from a
   * producer-state snapshot and replays the log after it, so it remembers producers whose batches
   * retention has already deleted; rebuilding from the log alone forgets them.
   */
  rebuild(batches: Iterable<RecordBatch>): void {
    this.producers.clear();
    for (const batch of batches) this.update(batch);
  }

  lastSequence(producerId: number): number | undefined {
    return this.producers.get(producerId)?.lastSequence;
  }

  producerEpoch(producerId: number): number | undefined {
    return this.producers.get(producerId)?.producerEpoch;
  }

  get producerCount(): number {
    return this.producers.size;
  }
}
