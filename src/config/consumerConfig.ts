/**
 * Consumer client configs with Kafka's defaults. `partition.assignment.strategy` takes ksim's
 * short names instead of class names, and `isolation.level: read_committed` waits for
 * transactions. Kafka's Heartbeat rejects a heartbeat interval that is not below the session
 * timeout; so does this.
 */
import { configKeyPath } from "./configIssue";
import { booleanKey, enumKey, intKey, longKey, type ConfigYamlValue } from "./configKey";
import {
  configToKafkaEntries,
  defaultsOf,
  firstSetKey,
  parseConfigTable,
  type ConfigDefs,
  type ParsedConfig,
} from "./configTable";

export const AUTO_OFFSET_RESETS = ["latest", "earliest", "none"] as const;
export type AutoOffsetReset = (typeof AUTO_OFFSET_RESETS)[number];

export const ASSIGNMENT_STRATEGIES = ["range", "roundrobin"] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export const ISOLATION_LEVELS = ["read_uncommitted"] as const;
export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

export interface ConsumerConfig {
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly maxPollIntervalMs: number;
  readonly enableAutoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  readonly autoOffsetReset: AutoOffsetReset;
  readonly maxPollRecords: number;
  readonly fetchMaxWaitMs: number;
  readonly fetchMinBytes: number;
  readonly fetchMaxBytes: number;
  readonly maxPartitionFetchBytes: number;
  readonly partitionAssignmentStrategy: AssignmentStrategy;
  readonly requestTimeoutMs: number;
  readonly retryBackoffMs: number;
  readonly metadataMaxAgeMs: number;
  readonly isolationLevel: IsolationLevel;
}

export const CONSUMER_CONFIG_DEFS: ConfigDefs<ConsumerConfig> = {
  sessionTimeoutMs: intKey(
    "session.timeout.ms",
    45000,
    "The coordinator removes a member it has not heard a heartbeat from for this long.",
    { min: 1 },
  ),
  heartbeatIntervalMs: intKey(
    "heartbeat.interval.ms",
    3000,
    "How often a member heartbeats to its coordinator.",
    {
      min: 1,
    },
  ),
  maxPollIntervalMs: intKey(
    "max.poll.interval.ms",
    300000,
    "A member that does not poll for this long leaves the group.",
    { min: 1 },
  ),
  enableAutoCommit: booleanKey(
    "enable.auto.commit",
    true,
    "Commit the positions of records already returned, every auto.commit.interval.ms.",
  ),
  autoCommitIntervalMs: intKey("auto.commit.interval.ms", 5000, "Period of automatic offset commits.", {
    min: 0,
  }),
  autoOffsetReset: enumKey(
    "auto.offset.reset",
    AUTO_OFFSET_RESETS,
    "latest",
    "Where to start when the group has no committed offset (or it is out of range).",
  ),
  maxPollRecords: intKey("max.poll.records", 500, "Records one poll() returns at most.", { min: 1 }),
  fetchMaxWaitMs: intKey(
    "fetch.max.wait.ms",
    500,
    "The longest a fetch waits at the broker for fetch.min.bytes.",
    {
      min: 0,
    },
  ),
  fetchMinBytes: intKey("fetch.min.bytes", 1, "Bytes a fetch waits for before the broker answers.", {
    min: 0,
  }),
  fetchMaxBytes: intKey("fetch.max.bytes", 52428800, "Bytes one fetch response holds at most.", { min: 0 }),
  maxPartitionFetchBytes: intKey("max.partition.fetch.bytes", 1048576, "Bytes per partition per fetch.", {
    min: 0,
  }),
  partitionAssignmentStrategy: enumKey(
    "partition.assignment.strategy",
    ASSIGNMENT_STRATEGIES,
    "range",
    "ksim's short name for the assignor: range or roundrobin.",
    {
      "cooperative-sticky":
        "is not modelled: ksim's groups rebalance eagerly (every partition revoked, then reassigned), " +
        "so incremental cooperative rebalancing cannot happen",
    },
  ),
  requestTimeoutMs: intKey("request.timeout.ms", 30000, "How long to wait for a broker's response.", {
    min: 0,
  }),
  retryBackoffMs: longKey("retry.backoff.ms", 100, "Pause before retrying a failed request.", { min: 0 }),
  metadataMaxAgeMs: longKey(
    "metadata.max.age.ms",
    300000,
    "Refresh metadata at least this often, so leader changes are learned without an error.",
    { min: 0 },
  ),
  isolationLevel: enumKey(
    "isolation.level",
    ISOLATION_LEVELS,
    "read_uncommitted",
    "Read below the high watermark (read_uncommitted); read_committed arrives with transactions.",
    { read_committed: "arrives with transactions; ksim reads read_uncommitted only for now" },
  ),
};

export const DEFAULT_CONSUMER_CONFIG: ConsumerConfig = defaultsOf(CONSUMER_CONFIG_DEFS);

export function parseConsumerConfig(raw: unknown, path: string): ParsedConfig<ConsumerConfig> {
  const parsed = parseConfigTable(CONSUMER_CONFIG_DEFS, raw, path, "consumer", DEFAULT_CONSUMER_CONFIG);
  const { config, setKeys } = parsed;
  if (config.heartbeatIntervalMs >= config.sessionTimeoutMs) {
    parsed.errors.push({
      path: configKeyPath(path, firstSetKey(setKeys, ["heartbeat.interval.ms", "session.timeout.ms"])),
      message:
        `Heartbeat must be set lower than the session timeout ` +
        `(heartbeat.interval.ms ${config.heartbeatIntervalMs} ≥ session.timeout.ms ${config.sessionTimeoutMs})`,
    });
  }
  return parsed;
}

/** The entries that differ from Kafka's defaults, under Kafka's names. */
export function consumerConfigToKafka(config: ConsumerConfig): Record<string, ConfigYamlValue> {
  return configToKafkaEntries(CONSUMER_CONFIG_DEFS, config, DEFAULT_CONSUMER_CONFIG);
}
