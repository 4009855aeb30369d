/**
 * The read-only window the replica invariants look through: each broker's replicas as they are
 * now, and the controller's record. Harness-side only: no node ever sees this.
 */
import type { Cluster } from "../../cluster/cluster";
import type { PartitionState } from "../../protocol/metadata";
import type { RecordBatch } from "../../storage/recordBatch";
import { BatchCursor } from "./batchCursor";

export interface ReplicaView {
  readonly broker: string;
  readonly role: "leader" | "follower" | "none";
  readonly leaderEpoch: number;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  /** The record value at `offset`, or undefined if this replica does not hold it. */
  valueAt(offset: number): string | undefined;
  /** The batch holding `offset`, or undefined. */
  batchAt(offset: number): RecordBatch | undefined;
  batches(): Iterable<RecordBatch>;
}

export interface ClusterView {
  readonly brokerIds: readonly string[];
  /** Partitions in creation order ("orders-0", …). */
  partitionNames(): string[];
  /** A live broker's replica; undefined when the broker is down or holds no such partition. */
  replica(broker: string, partition: string): ReplicaView | undefined;
  /** The controller's record of a partition. */
  controllerState(partition: string): PartitionState | undefined;
}

export function viewOf(cluster: Cluster): ClusterView {
  return {
    brokerIds: cluster.brokerIds,
    partitionNames: () => [...cluster.controllerDisk.partitions.keys()],
    controllerState: (partition) => cluster.controllerDisk.partitions.get(partition),
    replica(broker, partitionName) {
      const partition = cluster.broker(broker)?.replicas.partitions.get(partitionName);
      if (partition === undefined) return undefined;
      const cursor = new BatchCursor(partition.log);
      return {
        broker,
        role: partition.role,
        leaderEpoch: partition.leaderEpoch,
        highWatermark: partition.highWatermark,
        logStartOffset: partition.log.logStartOffset,
        logEndOffset: partition.logEndOffset,
        batchAt: (offset) => cursor.batchAt(offset),
        valueAt(offset) {
          const batch = this.batchAt(offset);
          return batch?.records[offset - batch.baseOffset]?.value;
        },
        batches: () => partition.log.batches(),
      };
    },
  };
}
