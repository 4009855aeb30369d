/** Test helpers: log configs with only the settings a test cares about changed. */
import type { DurabilityConfig } from "../../src/storage/durability";
import { DEFAULT_LOG_CONFIG, type LogConfig } from "../../src/storage/partitionLog";

export function logConfig(
  overrides: Partial<LogConfig> = {},
  durability: Partial<DurabilityConfig> = {},
): LogConfig {
  return {
    ...DEFAULT_LOG_CONFIG,
    ...overrides,
    durability: { ...DEFAULT_LOG_CONFIG.durability, ...overrides.durability, ...durability },
  };
}
