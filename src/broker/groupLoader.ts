/**
 * Rebuilds a coordinator's groups by replaying one __consumer_offsets partition from its local log,
 * start to end, last write per key winning (what Kafka's GroupMetadataManager does on becoming
 * leader). The log is local, so the load is synchronous: there is no loading window.
 */
import { partitionKey } from "../protocol/metadata";
import type { RecordBatch } from "../storage/recordBatch";
import { GroupMetadata } from "./groupMetadata";
import { decodeGroupRecord, type StoredGroup } from "./groupRecords";
import type { CommittedOffset } from "../protocol/groupMessages";

export function loadGroups(batches: Iterable<RecordBatch>): Map<string, GroupMetadata> {
  const storedGroups = new Map<string, StoredGroup>();
  const offsetsByGroup = new Map<string, Map<string, CommittedOffset>>();
  for (const batch of batches) {
    for (const record of batch.records) {
      const decoded = decodeGroupRecord(record);
      if (decoded === undefined) continue;
      if (decoded.kind === "group") {
        storedGroups.set(decoded.groupId, decoded.group);
        continue;
      }
      let offsets = offsetsByGroup.get(decoded.groupId);
      if (offsets === undefined) offsetsByGroup.set(decoded.groupId, (offsets = new Map()));
      const { topic, partition, offset, leaderEpoch } = decoded;
      offsets.set(partitionKey(topic, partition), { topic, partition, offset, ...(leaderEpoch === undefined ? {} : { leaderEpoch }) });
    }
  }
  return buildGroups(storedGroups, offsetsByGroup);
}

function buildGroups(
  storedGroups: ReadonlyMap<string, StoredGroup>,
  offsetsByGroup: ReadonlyMap<string, ReadonlyMap<string, CommittedOffset>>,
): Map<string, GroupMetadata> {
  const groups = new Map<string, GroupMetadata>();
  for (const [groupId, stored] of storedGroups)
    groups.set(groupId, GroupMetadata.fromStored(groupId, stored));
  for (const [groupId, offsets] of offsetsByGroup) {
    let group = groups.get(groupId);
    if (group === undefined) groups.set(groupId, (group = new GroupMetadata(groupId)));
    for (const [name, committed] of offsets) group.offsets.set(name, committed);
  }
  return groups;
}
