/**
 * Placeholder until the group coordinator lands: the broker routes group requests here.
 * (Replaced by the real coordinator: membership, rebalances, generations, offset storage.)
 */
import type { Message, NodeContext } from "../kernel/node";
import type { KafkaRecord } from "../storage/recordBatch";
import type { BrokerDisk } from "../storage/brokerDisk";
import type { ProducePartitionResult } from "../protocol/dataMessages";
import type { MetadataImage } from "../protocol/metadata";
import type { Partition } from "./partition";

export interface GroupCoordinatorSettings {
  readonly offsetsTopic: string;
  readonly offsetsTopicNumPartitions: number;
  readonly groupInitialRebalanceDelayMs: number;
  readonly groupMinSessionTimeoutMs: number;
  readonly groupMaxSessionTimeoutMs: number;
  /** How long an OffsetCommit waits for its acks=all append (Kafka's offsets.commit.timeout.ms). */
  readonly offsetsCommitTimeoutMs: number;
}

/** What the coordinator may use of its broker. */
export interface CoordinatorHost {
  readonly ctx: NodeContext<BrokerDisk>;
  readonly brokerId: string;
  /** The local replica of a partition ("__consumer_offsets-7"), if this broker holds one. */
  partition(name: string): Partition | undefined;
  /** The broker's current metadata (to answer FindCoordinator). */
  metadata(): MetadataImage | undefined;
  appendInternal(
    topic: string,
    partition: number,
    records: readonly KafkaRecord[],
    timeoutMs: number,
    done: (result: ProducePartitionResult) => void,
  ): void;
}

export const GROUP_MESSAGE_TYPES: ReadonlySet<string> = new Set<string>();

export class GroupCoordinator {
  constructor(
    private readonly host: CoordinatorHost,
    private readonly settings: GroupCoordinatorSettings,
  ) {}

  onRoleChange(_partition: Partition): void {}

  onMessage(_from: string, _message: Message): void {}
}
