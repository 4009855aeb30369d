/**
 * Broker-wide configs (`cluster.broker`): replication, controller liveness, storage and the group
 * coordinator, with Kafka's defaults. The topic-level keys here are the defaults every topic
 * starts from. Two keys are ksim's own: `replication.truncation` re-creates the pre-KIP-101
 * truncation bug on purpose, and `os.dirty.expire.ms` models Linux's page-cache writeback.
 */
import { configKeyPath } from "./configIssue";
import { enumKey, intKey, longKey, neverableLongKey, type ConfigYamlValue } from "./configKey";
import {
  configToKafkaEntries,
  defaultsOf,
  firstSetKey,
  parseConfigTable,
  type ConfigDefs,
  type ParsedConfig,
} from "./configTable";
import { TOPIC_CONFIG_DEFS, type TopicConfig } from "./topicConfig";

/**
 * ksim's bound on a topic's partitions (Kafka has none): every partition is simulated on every
 * replica, and a typo of 2000000000 should say so rather than run out of memory. It holds for
 * topics, num.partitions (their default) and __consumer_offsets alike.
 */
export const PARTITIONS_MAX = 1024;

export const REPLICATION_TRUNCATION_MODES = ["leader-epoch", "high-watermark"] as const;
export type ReplicationTruncation = (typeof REPLICATION_TRUNCATION_MODES)[number];

export interface BrokerConfig extends TopicConfig {
  readonly replicaLagTimeMaxMs: number;
  /** "high-watermark" is the legacy (pre-KIP-101) mode that loses acknowledged writes. */
  readonly replicationTruncation: ReplicationTruncation;
  readonly brokerHeartbeatIntervalMs: number;
  readonly brokerSessionTimeoutMs: number;
  readonly replicaFetchWaitMaxMs: number;
  readonly replicaFetchMaxBytes: number;
  readonly replicaFetchBackoffMs: number;
  readonly replicaHighWatermarkCheckpointIntervalMs: number;
  readonly logRetentionCheckIntervalMs: number;
  /** null: the log flusher never runs (Kafka's default, Long.MAX_VALUE), so flush.ms has no effect. */
  readonly logFlushSchedulerIntervalMs: number | null;
  readonly osDirtyExpireMs: number;
  readonly offsetsTopicNumPartitions: number;
  readonly offsetsTopicReplicationFactor: number;
  readonly groupInitialRebalanceDelayMs: number;
  readonly groupMinSessionTimeoutMs: number;
  readonly groupMaxSessionTimeoutMs: number;
  readonly defaultReplicationFactor: number;
  readonly numPartitions: number;
}

export const BROKER_CONFIG_DEFS: ConfigDefs<BrokerConfig> = {
  ...TOPIC_CONFIG_DEFS,
  replicaLagTimeMaxMs: longKey(
    "replica.lag.time.max.ms",
    30000,
    "A follower that has not caught up to the leader's end for this long leaves the ISR.",
    { min: 1 },
  ),
  replicationTruncation: enumKey(
    "replication.truncation",
    REPLICATION_TRUNCATION_MODES,
    "leader-epoch",
    "ksim: how a restarted or demoted replica truncates; high-watermark is the legacy pre-KIP-101 bug.",
  ),
  brokerHeartbeatIntervalMs: intKey(
    "broker.heartbeat.interval.ms",
    2000,
    "How often a broker heartbeats to the controller.",
    { min: 1 },
  ),
  brokerSessionTimeoutMs: intKey(
    "broker.session.timeout.ms",
    9000,
    "The controller fences a broker it has not heard from for this long.",
    { min: 1 },
  ),
  replicaFetchWaitMaxMs: intKey(
    "replica.fetch.wait.max.ms",
    500,
    "The longest a follower's fetch waits at the leader for new data (long poll).",
    { min: 0 },
  ),
  replicaFetchMaxBytes: intKey(
    "replica.fetch.max.bytes",
    1048576,
    "Bytes a follower fetches per partition.",
    {
      min: 0,
    },
  ),
  replicaFetchBackoffMs: intKey("replica.fetch.backoff.ms", 1000, "Follower's pause after a fetch error.", {
    min: 0,
  }),
  replicaHighWatermarkCheckpointIntervalMs: longKey(
    "replica.high.watermark.checkpoint.interval.ms",
    5000,
    "How often the high watermark is written to its checkpoint file.",
    { min: 1 },
  ),
  logRetentionCheckIntervalMs: longKey(
    "log.retention.check.interval.ms",
    300000,
    "How often a broker deletes the segments retention.ms and retention.bytes let go (the first check runs 30 s after it starts).",
    { min: 1 },
  ),
  logFlushSchedulerIntervalMs: neverableLongKey(
    "log.flush.scheduler.interval.ms",
    "How often a broker's log flusher fsyncs the logs whose last flush is flush.ms old (the first look runs 30 s after it starts); null, Kafka's default, never looks, so flush.ms alone flushes nothing.",
    { min: 1 },
  ),
  osDirtyExpireMs: longKey(
    "os.dirty.expire.ms",
    30000,
    "ksim: the OS writes dirty page-cache data back to disk once it is this old (Linux's dirty_expire).",
    { min: 1 },
  ),
  offsetsTopicNumPartitions: intKey(
    "offsets.topic.num.partitions",
    50,
    "Partitions of __consumer_offsets; a group's coordinator leads partition hash(group) % this.",
    { min: 1, max: PARTITIONS_MAX },
  ),
  offsetsTopicReplicationFactor: intKey(
    "offsets.topic.replication.factor",
    3,
    "Replication factor of __consumer_offsets (capped by the broker count).",
    { min: 1, max: 32767 },
  ),
  groupInitialRebalanceDelayMs: intKey(
    "group.initial.rebalance.delay.ms",
    3000,
    "How long the coordinator waits for more members before the first rebalance of an empty group.",
    { min: 0 },
  ),
  groupMinSessionTimeoutMs: intKey(
    "group.min.session.timeout.ms",
    6000,
    "The smallest session.timeout.ms a consumer may ask for.",
    { min: 0 },
  ),
  groupMaxSessionTimeoutMs: intKey(
    "group.max.session.timeout.ms",
    1800000,
    "The largest session.timeout.ms a consumer may ask for.",
    { min: 0 },
  ),
  defaultReplicationFactor: intKey(
    "default.replication.factor",
    1,
    "Replication factor of a topic that does not give one.",
    { min: 1, max: 32767 },
  ),
  numPartitions: intKey("num.partitions", 1, "Partition count of a topic that does not give one.", {
    min: 1,
    max: PARTITIONS_MAX,
  }),
};

export const DEFAULT_BROKER_CONFIG: BrokerConfig = defaultsOf(BROKER_CONFIG_DEFS);

export function parseBrokerConfig(raw: unknown, path: string): ParsedConfig<BrokerConfig> {
  const parsed = parseConfigTable(BROKER_CONFIG_DEFS, raw, path, "broker", DEFAULT_BROKER_CONFIG);
  const { config } = parsed;
  // KafkaConfig's own startup check.
  if (config.replicaFetchWaitMaxMs > config.replicaLagTimeMaxMs) {
    parsed.errors.push({
      path: configKeyPath(
        path,
        firstSetKey(parsed.setKeys, ["replica.fetch.wait.max.ms", "replica.lag.time.max.ms"]),
      ),
      message:
        `replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent ` +
        `frequent changes in ISR (${config.replicaFetchWaitMaxMs} > ${config.replicaLagTimeMaxMs})`,
    });
  }
  return parsed;
}

/** The entries that differ from Kafka's defaults, under Kafka's names. */
export function brokerConfigToKafka(config: BrokerConfig): Record<string, ConfigYamlValue> {
  return configToKafkaEntries(BROKER_CONFIG_DEFS, config, DEFAULT_BROKER_CONFIG);
}
