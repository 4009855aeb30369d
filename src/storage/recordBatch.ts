/**
 * A record batch as the log stores it: the unit of append, replication, truncation and loss.
 * Batches are immutable values; the log hands out the same objects it stores, so nobody may
 * mutate one (the types say so).
 */

export interface KafkaRecord {
  readonly key: string | null;
  readonly value: string;
}

/** Marks a batch from a producer without idempotence (Kafka's RecordBatch.NO_PRODUCER_ID). */
export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;

export interface RecordBatch {
  readonly baseOffset: number;
  /** The leader epoch the batch was first written in; it never changes as the batch is replicated. */
  readonly leaderEpoch: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly records: readonly KafkaRecord[];
}

/** Kafka's v2 batch header is 61 bytes; sizes below are a stable estimate, not an encoding. */
const BATCH_HEADER_BYTES = 61;
/** Per-record framing (length, attributes, deltas, header count) as varints: about 10 bytes. */
const RECORD_OVERHEAD_BYTES = 10;

export function lastOffsetOf(batch: RecordBatch): number {
  return batch.baseOffset + batch.records.length - 1;
}

/**
 * A deterministic size estimate used for segment rolls, the offset index, retention.bytes and
 * fetch max bytes. String lengths stand in for encoded byte lengths.
 */
export function batchSizeBytes(batch: RecordBatch): number {
  let sizeBytes = BATCH_HEADER_BYTES;
  for (const record of batch.records) {
    sizeBytes += RECORD_OVERHEAD_BYTES + (record.key?.length ?? 0) + record.value.length;
  }
  return sizeBytes;
}

/** The leader assigns offsets on append; everything else about the batch is kept. */
export function withBaseOffset(batch: RecordBatch, baseOffset: number): RecordBatch {
  return { ...batch, baseOffset };
}
