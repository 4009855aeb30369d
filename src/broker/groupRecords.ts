/**
 * What the group coordinator writes to __consumer_offsets: one record per committed offset and one
 * per completed rebalance (the group's metadata). Keys say what a record is about, so replaying
 * the partition with "last write wins" per key rebuilds the coordinator's state (as Kafka's
 * GroupMetadataManager does with its compacted topic). The encoding is JSON in the record's
 * key and value strings.
 */
import type { CommittedOffset, GroupTopicPartition, MemberSubscription } from "../protocol/groupMessages";
import type { KafkaRecord } from "../storage/recordBatch";

export interface StoredMember {
  readonly memberId: string;
  /** The node the member runs on (its client id). */
  readonly clientId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  /** The subscription it joined with under the group's protocol. */
  readonly subscription: MemberSubscription;
  readonly assignment: readonly GroupTopicPartition[];
}

export interface StoredGroup {
  readonly generation: number;
  readonly protocolName: string | null;
  readonly leaderId: string | null;
  readonly members: readonly StoredMember[];
}

export type GroupRecord =
  | { readonly kind: "group"; readonly groupId: string; readonly group: StoredGroup }
  | {
      readonly kind: "offset";
      readonly groupId: string;
      readonly topic: string;
      readonly partition: number;
      readonly offset: number;
      readonly leaderEpoch?: number;
    };

export function groupMetadataRecord(groupId: string, group: StoredGroup): KafkaRecord {
  return { key: JSON.stringify(["group", groupId]), value: JSON.stringify(group) };
}

export function offsetCommitRecord(groupId: string, committed: CommittedOffset): KafkaRecord {
  const { topic, partition, offset, leaderEpoch } = committed;
  const value = leaderEpoch === undefined ? { offset } : { offset, leaderEpoch };
  return { key: JSON.stringify(["offset", groupId, topic, partition]), value: JSON.stringify(value) };
}

/** The record's meaning, or undefined for a record the coordinator did not write. */
export function decodeGroupRecord(record: KafkaRecord): GroupRecord | undefined {
  if (record.key === null) return undefined;
  const key: unknown = JSON.parse(record.key);
  if (!Array.isArray(key)) return undefined;
  const [kind, groupId, topic, partition] = key as unknown[];
  if (typeof groupId !== "string") return undefined;
  if (kind === "group") return { kind, groupId, group: JSON.parse(record.value) as StoredGroup };
  if (kind === "offset" && typeof topic === "string" && typeof partition === "number") {
    const { offset, leaderEpoch } = JSON.parse(record.value) as { offset: number; leaderEpoch?: number };
    return { kind, groupId, topic, partition, offset, ...(leaderEpoch === undefined ? {} : { leaderEpoch }) };
  }
  return undefined;
}
