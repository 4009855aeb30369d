/** Test helpers: batches of a known size. */
import {
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  type RecordBatch,
} from "../../src/storage/recordBatch";

export interface BatchOptions {
  readonly recordCount?: number;
  /** Value length per record: a one-record batch is 61 + 10 + valueBytes bytes. */
  readonly valueBytes?: number;
  readonly leaderEpoch?: number;
  readonly producerId?: number;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
}

/** With defaults, a one-record batch of exactly 100 bytes. */
export function makeBatch(baseOffset: number, options: BatchOptions = {}): RecordBatch {
  const recordCount = options.recordCount ?? 1;
  const value = "v".repeat(options.valueBytes ?? 29);
  return {
    baseOffset,
    leaderEpoch: options.leaderEpoch ?? 0,
    producerId: options.producerId ?? NO_PRODUCER_ID,
    producerEpoch: options.producerEpoch ?? NO_PRODUCER_EPOCH,
    baseSequence: options.baseSequence ?? NO_SEQUENCE,
    records: Array.from({ length: recordCount }, () => ({ key: null, value })),
  };
}

export function offsetsOf(batches: readonly RecordBatch[]): number[] {
  return batches.map((batch) => batch.baseOffset);
}
