/** What one broker needs to know about its configuration (mapped from the scenario by the cluster builder). */
import type { LogConfig } from "../storage/partitionLog";
import type { GroupCoordinatorSettings } from "./groupCoordinator";

export type TruncationMode = "leader-epoch" | "high-watermark";

export interface TopicSettings {
  readonly minInsyncReplicas: number;
  readonly log: LogConfig;
}

export interface BrokerSettings {
  readonly brokerId: string;
  readonly controllerId: string;
  readonly brokerHeartbeatIntervalMs: number;
  readonly replicaLagTimeMaxMs: number;
  readonly replicaFetchWaitMaxMs: number;
  readonly replicaFetchMaxBytes: number;
  readonly replicaFetchBackoffMs: number;
  /** How long a follower waits for a fetch response before it gives up and re-sends (Kafka's replica.socket.timeout.ms). */
  readonly replicaSocketTimeoutMs: number;
  readonly highWatermarkCheckpointIntervalMs: number;
  /** Kafka's log.retention.check.interval.ms: how often this broker applies retention to its logs. */
  readonly logRetentionCheckIntervalMs: number;
  /**
   * Kafka's log.flush.scheduler.interval.ms: how often this broker's log flusher fsyncs the logs
   * whose last flush is at least their flush.ms old. null (Kafka's default) never runs it.
   */
  readonly logFlushSchedulerIntervalMs: number | null;
  readonly replicationTruncation: TruncationMode;
  readonly topics: ReadonlyMap<string, TopicSettings>;
  readonly groups: GroupCoordinatorSettings;
}

export function topicSettings(settings: BrokerSettings, topic: string): TopicSettings {
  const found = settings.topics.get(topic);
  if (found === undefined) throw new Error(`broker ${settings.brokerId}: no settings for topic "${topic}"`);
  return found;
}
