/**
 * Metadata records as the controller publishes them. They are immutable values: the controller
 * makes a new record on every change, so sharing one between nodes through a message is safe.
 */
export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  /** Broker id of the leader, or null while the partition is offline. */
  readonly leader: string | null;
  readonly leaderEpoch: number;
  /** Bumped on every leader or ISR change (Kafka's partition epoch). */
  readonly partitionEpoch: number;
  readonly isr: readonly string[];
  /**
   * Eligible leader replicas (KIP-966): replicas that left the ISR while it was below
   * min.insync.replicas. They hold everything below the high watermark, so one may lead when no
   * ISR member is alive.
   */
  readonly elr: readonly string[];
  /** Assigned replicas (AR), the preferred leader first. */
  readonly replicas: readonly string[];
}

export interface TopicState {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}

/** The whole metadata image a broker needs, at one metadata version. */
export interface MetadataImage {
  readonly version: number;
  readonly topics: readonly TopicState[];
  readonly partitions: readonly PartitionState[];
  /** Registered, unfenced brokers. */
  readonly liveBrokers: readonly string[];
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
