/**
 * Producer sequence numbers are 31-bit and wrap from 2^31-1 back to 0, as in Kafka's
 * DefaultRecordBatch.incrementSequence / decrementSequence.
 */
import { NO_SEQUENCE, type RecordBatch } from "./recordBatch";

export const MAX_SEQUENCE = 2147483647;

export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > MAX_SEQUENCE - increment) return increment - (MAX_SEQUENCE - sequence) - 1;
  return sequence + increment;
}

export function decrementSequence(sequence: number, decrement: number): number {
  if (sequence < decrement) return MAX_SEQUENCE - (decrement - sequence) + 1;
  return sequence - decrement;
}

/** The sequence of the batch's last record, wrapping; NO_SEQUENCE for a non-idempotent batch. */
export function lastSequenceOf(batch: RecordBatch): number {
  if (batch.baseSequence === NO_SEQUENCE) return NO_SEQUENCE;
  return incrementSequence(batch.baseSequence, batch.records.length - 1);
}

/** Whether `nextSequence` directly follows `lastSequence` (Kafka's ProducerAppendInfo.inSequence). */
export function isNextSequence(lastSequence: number, nextSequence: number): boolean {
  return nextSequence === lastSequence + 1 || (nextSequence === 0 && lastSequence === MAX_SEQUENCE);
}
