/**
 * The page-cache model. A write lands in memory first and reaches the disk later; a power loss
 * keeps only what reached the disk. The OS's writeback is evaluated lazily, when a power loss
 * happens, so no timers are needed for it. A batch (or checkpoint write) is durable when:
 *
 * - an explicit flush covered it (PartitionLog.flush: the broker's log flusher, see
 *   `flush.ms` below, or a segment roll: Kafka schedules an asynchronous flush of the old
 *   segments on every roll, modelled as immediate);
 * - on append the number of unflushed messages reached `flushMessages` (Kafka flushes in the
 *   append path then);
 * - judged at power-loss time T, it was written at t with t + osDirtyExpireMs ≤ T.
 *
 * `flush.ms` is no rule of its own here: in Kafka it is read by a task of the broker process, the
 * log flusher, which runs every log.flush.scheduler.interval.ms (default: never) and flushes the
 * logs last flushed at least flush.ms ago. The broker runs that task on its own timers, so it
 * stops while the process is down, as Kafka's does.
 *
 * Simplification, on purpose: Linux writes back inodes dirtied more than dirty_expire_centisecs
 * ago on a dirty_writeback_centisecs tick; here that is "durable a fixed delay after the write".
 * Because appends happen at non-decreasing times, the durable part of a log is always a prefix,
 * which is what lets a power loss drop a clean tail.
 *
 * Truncation (and segment deletion) is treated as durable at once: a truncation that is undone by
 * a power loss would resurrect records the replica already agreed to drop, and losing
 * metadata operations is not a failure mode this simulator models.
 */
import { msToMicros, type Micros } from "../kernel/time";

export interface DurabilityConfig {
  /** Kafka's flush.messages; null = never (the default: Kafka relies on replication). */
  readonly flushMessages: number | null;
  /** Kafka's flush.ms, applied by the broker's log flusher; null = never (the default). */
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

/** How long after a write its pages are on disk even if nobody flushes (the OS's writeback). */
export function writebackDelayUs(config: DurabilityConfig): Micros {
  return msToMicros(config.osDirtyExpireMs);
}

/** Kafka's append path: `if (unflushedMessages >= flush.messages) flush()`. */
export function flushDueByCount(config: DurabilityConfig, unflushedMessages: number): boolean {
  return config.flushMessages !== null && unflushedMessages >= config.flushMessages;
}

/** Whether something written at `writtenUs` has reached the disk by `nowUs` through writeback. */
export function isWrittenBack(writtenUs: Micros, nowUs: Micros, delayUs: Micros): boolean {
  return writtenUs + delayUs <= nowUs;
}
