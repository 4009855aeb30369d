/** A batch being built or sent by the producer: its records, sequence and retry state. */
import type { Micros } from "../kernel/time";
import { NO_SEQUENCE } from "../storage/recordBatch";

export interface PendingRecord {
  /** The history op id of the send. */
  readonly opId: number;
  readonly key: string | null;
  readonly value: string;
  readonly sizeBytes: number;
}

export interface ProducerBatch {
  readonly topic: string;
  readonly partition: number;
  readonly name: string;
  readonly records: PendingRecord[];
  sizeBytes: number;
  readonly createdUs: Micros;
  attempts: number;
  /** Assigned the first time the batch is sent (idempotence), kept across retries. */
  baseSequence: number;
  producerEpoch: number;
  /** Not before this time (retry backoff). */
  retryAtUs: Micros;
  inFlight: boolean;
  /** Some attempt's outcome is unknown (timeout, append without enough replicas): it may be in the log. */
  maybeWritten: boolean;
  /** Completed (acknowledged, failed or expired); later answers are ignored. */
  done: boolean;
}

/** Bytes one record takes in a batch (as the broker counts it). */
export function recordSizeBytes(key: string | null, value: string): number {
  return 10 + (key?.length ?? 0) + value.length;
}

/** The batch header, counted once per batch. */
export const BATCH_OVERHEAD_BYTES = 61;

export function newBatch(topic: string, partition: number, nowUs: Micros): ProducerBatch {
  return {
    topic,
    partition,
    name: `${topic}-${partition}`,
    records: [],
    sizeBytes: BATCH_OVERHEAD_BYTES,
    createdUs: nowUs,
    attempts: 0,
    baseSequence: NO_SEQUENCE,
    producerEpoch: -1,
    retryAtUs: 0,
    inFlight: false,
    maybeWritten: false,
    done: false,
  };
}
