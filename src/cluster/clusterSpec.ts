/**
 * What a simulated cluster is made of, independent of how it was described (a scenario file or a
 * test). Defaults are Kafka's.
 */
import type { TruncationMode } from "../broker/brokerSettings";
import type { LinkConfig } from "../network/network";
import { DEFAULT_LOG_CONFIG, type LogConfig } from "../storage/partitionLog";

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElectionEnable: boolean;
  readonly log: LogConfig;
}

export interface ClusterSpec {
  readonly seed: string;
  readonly brokers: number;
  readonly topics: readonly TopicSpec[];
  readonly link: LinkConfig;
  /** Kafka speaks TCP: links keep order unless a scenario asks for reordering. */
  readonly fifo: boolean;
  readonly brokerHeartbeatIntervalMs: number;
  readonly brokerSessionTimeoutMs: number;
  readonly replicaLagTimeMaxMs: number;
  readonly replicaFetchWaitMaxMs: number;
  readonly replicaFetchMaxBytes: number;
  readonly replicaFetchBackoffMs: number;
  readonly replicaSocketTimeoutMs: number;
  readonly highWatermarkCheckpointIntervalMs: number;
  /** Kafka's log.retention.check.interval.ms. */
  readonly logRetentionCheckIntervalMs: number;
  /** Kafka's log.flush.scheduler.interval.ms; null (the default) never runs the log flusher. */
  readonly logFlushSchedulerIntervalMs: number | null;
  readonly osDirtyExpireMs: number;
  readonly replicationTruncation: TruncationMode;
  readonly recordTrace: boolean;
  /** Consumer groups need Kafka's internal offsets topic; its size and replication. */
  readonly offsetsTopicNumPartitions: number;
  readonly offsetsTopicReplicationFactor: number;
  /** The broker-wide min.insync.replicas, which the offsets topic uses. */
  readonly defaultMinInsyncReplicas: number;
  readonly groupInitialRebalanceDelayMs: number;
  readonly groupMinSessionTimeoutMs: number;
  readonly groupMaxSessionTimeoutMs: number;
  /** Create __consumer_offsets (scenarios with consumer groups do). */
  readonly withOffsetsTopic: boolean;
}

export const OFFSETS_TOPIC = "__consumer_offsets";

export const DEFAULT_CLUSTER: Omit<ClusterSpec, "seed" | "topics"> = {
  brokers: 3,
  link: { latencyMinMs: 1, latencyMaxMs: 10, loss: 0, duplicate: 0 },
  fifo: true,
  brokerHeartbeatIntervalMs: 2000,
  brokerSessionTimeoutMs: 9000,
  replicaLagTimeMaxMs: 30000,
  replicaFetchWaitMaxMs: 500,
  replicaFetchMaxBytes: 1048576,
  replicaFetchBackoffMs: 1000,
  replicaSocketTimeoutMs: 30000,
  highWatermarkCheckpointIntervalMs: 5000,
  logRetentionCheckIntervalMs: 300000,
  logFlushSchedulerIntervalMs: null,
  osDirtyExpireMs: 30000,
  replicationTruncation: "leader-epoch",
  recordTrace: false,
  offsetsTopicNumPartitions: 50,
  offsetsTopicReplicationFactor: 3,
  defaultMinInsyncReplicas: 1,
  groupInitialRebalanceDelayMs: 3000,
  groupMinSessionTimeoutMs: 6000,
  groupMaxSessionTimeoutMs: 1800000,
  withOffsetsTopic: false,
};

export function topicSpec(name: string, partitions: number, replicationFactor: number, overrides: Partial<TopicSpec> = {}): TopicSpec {
  return {
    name,
    partitions,
    replicationFactor,
    minInsyncReplicas: 1,
    uncleanLeaderElectionEnable: false,
    log: DEFAULT_LOG_CONFIG,
    ...overrides,
  };
}

