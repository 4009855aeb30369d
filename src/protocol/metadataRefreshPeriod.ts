/**
 * How often a client refreshes its metadata unasked. Kafka's clients treat metadata older than
 * metadata.max.age.ms as stale, but never ask again sooner than retry.backoff.ms after the last
 * request (Metadata.timeToNextUpdate takes the later of the two). The period is at least 1 ms so
 * that `metadata.max.age.ms: 0` refreshes as often as the simulated clock allows instead of
 * scheduling refreshes at one instant forever.
 */
export interface MetadataAgeConfig {
  readonly metadataMaxAgeMs: number;
  readonly retryBackoffMs: number;
}

export function metadataRefreshPeriodMs(config: MetadataAgeConfig): number {
  return Math.max(config.metadataMaxAgeMs, config.retryBackoffMs, 1);
}
