/** The cluster a scenario describes, as the cluster builder takes it. */
import { DEFAULT_CLUSTER, topicSpec, type ClusterSpec } from "../cluster/clusterSpec";
import type { Scenario } from "../scenario/scenario";
import type { TopicConfig } from "../config/topicConfig";
import type { LogConfig } from "../storage/partitionLog";

export function clusterSpecOf(scenario: Scenario, seed: string, recordTrace: boolean): ClusterSpec {
  const broker = scenario.cluster.broker;
  return {
    ...DEFAULT_CLUSTER,
    seed,
    brokers: scenario.cluster.brokers,
    topics: scenario.topics.map((topic) =>
      topicSpec(topic.name, topic.partitions, topic.replicationFactor, {
        minInsyncReplicas: topic.config.minInsyncReplicas,
        uncleanLeaderElectionEnable: topic.config.uncleanLeaderElectionEnable,
        log: logConfigOf(topic.config, broker.osDirtyExpireMs),
      }),
    ),
    link: {
      latencyMinMs: scenario.network.latencyMs.min,
      latencyMaxMs: scenario.network.latencyMs.max,
      loss: scenario.network.loss,
      duplicate: scenario.network.duplicate,
    },
    brokerHeartbeatIntervalMs: broker.brokerHeartbeatIntervalMs,
    brokerSessionTimeoutMs: broker.brokerSessionTimeoutMs,
    replicaLagTimeMaxMs: broker.replicaLagTimeMaxMs,
    replicaFetchWaitMaxMs: broker.replicaFetchWaitMaxMs,
    replicaFetchMaxBytes: broker.replicaFetchMaxBytes,
    replicaFetchBackoffMs: broker.replicaFetchBackoffMs,
    highWatermarkCheckpointIntervalMs: broker.replicaHighWatermarkCheckpointIntervalMs,
    logRetentionCheckIntervalMs: broker.logRetentionCheckIntervalMs,
    logFlushSchedulerIntervalMs: broker.logFlushSchedulerIntervalMs,
    osDirtyExpireMs: broker.osDirtyExpireMs,
    replicationTruncation: broker.replicationTruncation,
    recordTrace,
    offsetsTopicNumPartitions: broker.offsetsTopicNumPartitions,
    offsetsTopicReplicationFactor: broker.offsetsTopicReplicationFactor,
    defaultMinInsyncReplicas: broker.minInsyncReplicas,
    groupInitialRebalanceDelayMs: broker.groupInitialRebalanceDelayMs,
    groupMinSessionTimeoutMs: broker.groupMinSessionTimeoutMs,
    groupMaxSessionTimeoutMs: broker.groupMaxSessionTimeoutMs,
    withOffsetsTopic: scenario.consumers.length > 0,
  };
}

function logConfigOf(topic: TopicConfig, osDirtyExpireMs: number): LogConfig {
  return {
    segmentBytes: topic.segmentBytes,
    segmentMs: topic.segmentMs,
    retentionMs: topic.retentionMs,
    retentionBytes: topic.retentionBytes,
    indexIntervalBytes: topic.indexIntervalBytes,
    durability: { flushMessages: topic.flushMessages, flushMs: topic.flushMs, osDirtyExpireMs },
  };
}
