/**
 * What a partition remembers about one idempotent producer (Kafka's ProducerStateEntry): its
 * current epoch and the metadata of its last few batches, enough to recognise a retried batch
 * and answer with the offsets it got the first time.
 */
import { decrementSequence } from "./sequenceNumber";

/** Kafka's ProducerStateEntry.NUM_BATCHES_TO_RETAIN, matching max.in.flight ≤ 5 on the client. */
export const PRODUCER_BATCHES_KEPT = 5;

export interface BatchMetadata {
  readonly lastSequence: number;
  readonly lastOffset: number;
  /** lastOffset − baseOffset, as Kafka stores it. */
  readonly offsetDelta: number;
}

export function firstSequenceOf(metadata: BatchMetadata): number {
  return decrementSequence(metadata.lastSequence, metadata.offsetDelta);
}

export class ProducerStateEntry {
  /** Oldest first; at most PRODUCER_BATCHES_KEPT. */
  private readonly kept: BatchMetadata[] = [];

  constructor(private epoch: number) {}

  get producerEpoch(): number {
    return this.epoch;
  }

  get lastSequence(): number | undefined {
    return this.kept[this.kept.length - 1]?.lastSequence;
  }

  keptBatches(): readonly BatchMetadata[] {
    return this.kept;
  }

  /** A batch from a different epoch starts the history afresh, as in Kafka's maybeUpdateProducerEpoch. */
  addBatch(producerEpoch: number, metadata: BatchMetadata): void {
    if (producerEpoch !== this.epoch) {
      this.kept.length = 0;
      this.epoch = producerEpoch;
    }
    if (this.kept.length === PRODUCER_BATCHES_KEPT) this.kept.shift();
    this.kept.push(metadata);
  }

  /** The kept batch with exactly this epoch and sequence range, if any. */
  findDuplicate(
    producerEpoch: number,
    firstSequence: number,
    lastSequence: number,
  ): BatchMetadata | undefined {
    if (producerEpoch !== this.epoch) return undefined;
    return this.kept.find(
      (metadata) => metadata.lastSequence === lastSequence && firstSequenceOf(metadata) === firstSequence,
    );
  }
}
