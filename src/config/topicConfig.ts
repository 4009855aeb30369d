/**
 * Per-topic configs. Each has a broker-wide default under the same name in `cluster.broker`; a
 * topic's `config` block overrides it, and the effective TopicConfig is the broker's value
 * overlaid by the override, as Kafka resolves `min.insync.replicas` and friends.
 */
import { booleanKey, intKey, longKey, neverableLongKey } from "./configKey";
import {
  configToKafkaEntries,
  defaultsOf,
  parseConfigTable,
  type ConfigDefs,
  type ParsedConfig,
} from "./configTable";
import type { ConfigYamlValue } from "./configKey";

export interface TopicConfig {
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElectionEnable: boolean;
  /** Flush after this many appended messages; null: never (Kafka's default, Long.MAX_VALUE). */
  readonly flushMessages: number | null;
  /** Flush when the oldest unflushed write is this old; null: never. */
  readonly flushMs: number | null;
  readonly segmentBytes: number;
  readonly segmentMs: number;
  /** -1: keep forever. */
  readonly retentionMs: number;
  /** -1: no size limit. */
  readonly retentionBytes: number;
  readonly indexIntervalBytes: number;
}

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

export const TOPIC_CONFIG_DEFS: ConfigDefs<TopicConfig> = {
  minInsyncReplicas: intKey(
    "min.insync.replicas",
    1,
    "Replicas (leader included) that must be in the ISR for an acks=all produce to be accepted.",
    { min: 1 },
  ),
  uncleanLeaderElectionEnable: booleanKey(
    "unclean.leader.election.enable",
    false,
    "Allow a replica outside the ISR to become leader when no ISR member is alive (data may be lost).",
  ),
  flushMessages: neverableLongKey(
    "flush.messages",
    "Force an fsync after this many messages; null leaves flushing to the OS (Kafka's default).",
    { min: 1 },
  ),
  flushMs: neverableLongKey(
    "flush.ms",
    "Force an fsync when unflushed data is this old; null leaves flushing to the OS (Kafka's default).",
    { min: 0 },
  ),
  // Kafka 4 raised the floor to 1 MiB; ksim keeps 3.x's floor (a record's overhead) so that small
  // simulated logs can still roll segments.
  segmentBytes: intKey("segment.bytes", 1073741824, "Roll a new log segment at this size.", { min: 14 }),
  segmentMs: longKey("segment.ms", SEVEN_DAYS_MS, "Roll a new log segment when the active one is this old.", {
    min: 1,
  }),
  retentionMs: longKey(
    "retention.ms",
    SEVEN_DAYS_MS,
    "Delete whole segments older than this; -1 keeps forever.",
    {
      min: -1,
    },
  ),
  retentionBytes: longKey(
    "retention.bytes",
    -1,
    "Delete the oldest segments while a partition is larger than this; -1 means no limit.",
    { min: -1 },
  ),
  indexIntervalBytes: intKey(
    "index.interval.bytes",
    4096,
    "Add an offset-index entry every this many bytes of records.",
    { min: 0 },
  ),
};

export const DEFAULT_TOPIC_CONFIG: TopicConfig = defaultsOf(TOPIC_CONFIG_DEFS);

/** The topic-level part of a broker config: the defaults a topic override starts from. */
export function topicDefaultsFrom(brokerConfig: TopicConfig): TopicConfig {
  const defaults: Partial<Record<keyof TopicConfig, unknown>> = {};
  for (const field of Object.keys(TOPIC_CONFIG_DEFS) as (keyof TopicConfig)[])
    defaults[field] = brokerConfig[field];
  return defaults as TopicConfig;
}

/** `raw` is a topic's `config` block; the result is effective (broker defaults + overrides). */
export function parseTopicConfig(
  raw: unknown,
  path: string,
  brokerConfig: TopicConfig = DEFAULT_TOPIC_CONFIG,
): ParsedConfig<TopicConfig> {
  return parseConfigTable(TOPIC_CONFIG_DEFS, raw, path, "topic", topicDefaultsFrom(brokerConfig));
}

/** The overrides a topic needs on top of `brokerConfig`, under Kafka's names. */
export function topicConfigToKafka(
  config: TopicConfig,
  brokerConfig: TopicConfig,
): Record<string, ConfigYamlValue> {
  return configToKafkaEntries(TOPIC_CONFIG_DEFS, config, topicDefaultsFrom(brokerConfig));
}
