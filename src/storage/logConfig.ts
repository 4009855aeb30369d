/**
 * Per-partition log settings, with Kafka's names and defaults (segment.bytes, segment.ms,
 * retention.ms, retention.bytes, index.interval.bytes, flush.messages, flush.ms) plus the
 * machine's writeback delay.
 */
import { assert } from "../kernel/assert";
import { DEFAULT_DURABILITY_CONFIG, type DurabilityConfig } from "./durability";

export interface LogConfig {
  readonly segmentBytes: number;
  readonly segmentMs: number;
  /** -1 = keep forever. */
  readonly retentionMs: number;
  /** -1 = unlimited. */
  readonly retentionBytes: number;
  readonly indexIntervalBytes: number;
  readonly durability: DurabilityConfig;
}

export const DEFAULT_LOG_CONFIG: LogConfig = {
  segmentBytes: 1_073_741_824,
  segmentMs: 604_800_000,
  retentionMs: 604_800_000,
  retentionBytes: -1,
  indexIntervalBytes: 4096,
  durability: DEFAULT_DURABILITY_CONFIG,
};

/** Bad settings are a scenario bug: fail at construction, naming the setting. */
export function validateLogConfig(config: LogConfig): void {
  const isPositive = (value: number): boolean => Number.isInteger(value) && value > 0;
  const isLimit = (value: number): boolean => Number.isInteger(value) && value >= -1;
  assert(isPositive(config.segmentBytes), `LogConfig: segmentBytes must be > 0, got ${config.segmentBytes}`);
  assert(isPositive(config.segmentMs), `LogConfig: segmentMs must be > 0, got ${config.segmentMs}`);
  assert(isLimit(config.retentionMs), `LogConfig: retentionMs must be ≥ -1, got ${config.retentionMs}`);
  assert(
    isLimit(config.retentionBytes),
    `LogConfig: retentionBytes must be ≥ -1, got ${config.retentionBytes}`,
  );
  assert(
    Number.isInteger(config.indexIntervalBytes) && config.indexIntervalBytes >= 0,
    `LogConfig: indexIntervalBytes must be ≥ 0, got ${config.indexIntervalBytes}`,
  );
  const { flushMessages, flushMs, osDirtyExpireMs } = config.durability;
  assert(flushMessages === null || isPositive(flushMessages), `LogConfig: flushMessages must be > 0 or null`);
  assert(flushMs === null || flushMs >= 0, `LogConfig: flushMs must be ≥ 0 or null`);
  assert(osDirtyExpireMs >= 0, `LogConfig: osDirtyExpireMs must be ≥ 0, got ${osDirtyExpireMs}`);
}
