/**
 * What the idempotent producer tracks for one partition (Kafka's TxnPartitionEntry): the producer
 * epoch its sequences belong to, the next sequence to hand out, the last one acknowledged, and the
 * batches that have a sequence but no verdict yet (in flight or waiting to be retried), in
 * sequence order.
 */
import type { ProducerBatch } from "./producerBatch";

const NO_ACKED_SEQUENCE = -1;

export class PartitionSequences {
  private nextSequence = 0;
  private lastAckedSequence = NO_ACKED_SEQUENCE;
  /** Oldest sequence first. */
  readonly unresolved: ProducerBatch[] = [];
  /**
   * Set when a batch that had been sent expired (Kafka's partitionsWithUnresolvedSequences): the
   * sequence after it. Its fate decides whether the epoch must be bumped, so nothing new is sent
   * to the partition until the batches still unresolved have a verdict.
   */
  expiredNextSequence: number | undefined;

  constructor(private epoch: number) {}

  get producerEpoch(): number {
    return this.epoch;
  }

  /** Gives a new batch the next sequence under this partition's epoch. */
  assign(batch: ProducerBatch): void {
    batch.baseSequence = this.nextSequence;
    batch.producerEpoch = this.epoch;
    this.nextSequence = (this.nextSequence + batch.records.length) % 0x80000000;
    this.unresolved.push(batch);
  }

  acknowledged(batch: ProducerBatch): void {
    const lastSequence = batch.baseSequence + batch.records.length - 1;
    if (lastSequence > this.lastAckedSequence) this.lastAckedSequence = lastSequence;
    this.forget(batch);
  }

  forget(batch: ProducerBatch): void {
    const index = this.unresolved.indexOf(batch);
    if (index >= 0) this.unresolved.splice(index, 1);
  }

  /** Whether `sequence` directly follows the last acknowledged one. */
  followsLastAcked(sequence: number): boolean {
    return sequence - this.lastAckedSequence === 1;
  }

  /** Every batch handed a sequence was acknowledged (so an expired one must have been written). */
  get allAcked(): boolean {
    return this.followsLastAcked(this.nextSequence);
  }

  /**
   * Starts the partition's sequences afresh under `producerEpoch` (Kafka's
   * startSequencesAtBeginning): the unresolved batches, in order, get sequences from 0 and will be
   * sent under the new epoch. One whose earlier attempt was written cannot be recognised as a
   * retry of it any more, so resending it can duplicate it.
   */
  restartAt(producerEpoch: number): void {
    let sequence = 0;
    for (const batch of this.unresolved) {
      batch.baseSequence = sequence;
      batch.producerEpoch = producerEpoch;
      batch.sequenceReset = true;
      sequence += batch.records.length;
    }
    this.epoch = producerEpoch;
    this.nextSequence = sequence;
    this.lastAckedSequence = NO_ACKED_SEQUENCE;
    this.expiredNextSequence = undefined;
  }
}

