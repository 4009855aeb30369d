/**
 * The page-cache model. A write lands in memory first and reaches the disk later; a power loss
 * keeps only what reached the disk. The model is evaluated lazily, when a power loss happens,
 * so no timers are needed. A batch (or checkpoint write) is durable when:
 *
 * - an explicit flush covered it (PartitionLog.flush, or a segment roll: Kafka schedules an
 *   asynchronous flush of the old segments on every roll, modelled here as immediate);
 * - on append the number of unflushed messages reached `flushMessages` (Kafka flushes in the
 *   append path then);
 * - judged at power-loss time T, it was written at t with t + flushMs ≤ T or
 *   t + osDirtyExpireMs ≤ T.
 *
 * Simplifications, on purpose: Kafka's flush.ms is checked by a scheduler thread
 * (log.flush.scheduler.interval.ms) against the time of the last flush, and Linux writes back
 * inodes dirtied more than dirty_expire_centisecs ago on a dirty_writeback_centisecs tick. Both
 * become "durable a fixed delay after the write". Because appends happen at non-decreasing times,
 * the durable part of a log is always a prefix, which is what lets a power loss drop a clean tail.
 *
 * Truncation (and segment deletion) is treated as durable at once: a truncation that is undone by
 * a power loss would resurrect records the replica already agreed to drop, and losing
 * metadata operations is not a failure mode this simulator models.
 */
import { msToMicros, type Micros } from "../kernel/time";

export interface DurabilityConfig {
  /** Kafka's flush.messages; null = never (the default: Kafka relies on replication). */
  readonly flushMessages: number | null;
  /** Kafka's flush.ms; null = never (the default). */
  readonly flushMs: number | null;
  /** Linux's dirty_expire_centisecs, in ms (default 30000). */
  readonly osDirtyExpireMs: number;
}

export const DEFAULT_OS_DIRTY_EXPIRE_MS = 30_000;

export const DEFAULT_DURABILITY_CONFIG: DurabilityConfig = {
  flushMessages: null,
  flushMs: null,
  osDirtyExpireMs: DEFAULT_OS_DIRTY_EXPIRE_MS,
};

/** How long after a write its pages are on disk even if nobody flushes. */
export function writebackDelayUs(config: DurabilityConfig): Micros {
  const delayMs =
    config.flushMs === null ? config.osDirtyExpireMs : Math.min(config.flushMs, config.osDirtyExpireMs);
  return msToMicros(delayMs);
}

/** Kafka's append path: `if (unflushedMessages >= flush.messages) flush()`. */
export function flushDueByCount(config: DurabilityConfig, unflushedMessages: number): boolean {
  return config.flushMessages !== null && unflushedMessages >= config.flushMessages;
}

/** Whether something written at `writtenUs` has reached the disk by `nowUs` through writeback. */
export function isWrittenBack(writtenUs: Micros, nowUs: Micros, delayUs: Micros): boolean {
  return writtenUs + delayUs <= nowUs;
}
