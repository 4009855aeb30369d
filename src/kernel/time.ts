/**
 * Simulated time. The clock is an integer count of microseconds since the run began;
 * scenario files and Kafka configs speak milliseconds, so conversions live here.
 */
export type Micros = number;

export const MICROS_PER_MS = 1000;
export const MICROS_PER_SECOND = 1_000_000;

export function msToMicros(ms: number): Micros {
  return Math.round(ms * MICROS_PER_MS);
}

export function microsToMs(timeUs: Micros): number {
  return timeUs / MICROS_PER_MS;
}

/** "2.310 s": the form every human-facing message uses. */
export function formatSeconds(timeUs: Micros): string {
  return `${(timeUs / MICROS_PER_SECOND).toFixed(3)} s`;
}
