/**
 * Kafka's RoundRobinAssignor: every partition of every subscribed topic, topics in name order and
 * partitions in number order, dealt to the members in member-id order, skipping members not
 * subscribed to the partition's topic.
 */
import type { GroupTopicPartition } from "../../protocol/groupMessages";
import type { AssignorMember, GroupAssignment } from "./assignor";
import { compareIds, emptyAssignment } from "./assignor";

export function roundRobinAssign(
  members: readonly AssignorMember[],
  partitionCounts: ReadonlyMap<string, number>,
): GroupAssignment {
  const assignment = emptyAssignment(members);
  const ordered = [...members].sort((a, b) => compareIds(a.memberId, b.memberId));
  let next = 0;
  for (const tp of allPartitionsSorted(members, partitionCounts)) {
    // Some member subscribes to tp's topic (that is how it got here), so this ends within one lap.
    while (!ordered[next % ordered.length]!.topics.includes(tp.topic)) next++;
    assignment.get(ordered[next % ordered.length]!.memberId)!.push(tp);
    next++;
  }
  return assignment;
}

function allPartitionsSorted(
  members: readonly AssignorMember[],
  partitionCounts: ReadonlyMap<string, number>,
): GroupTopicPartition[] {
  const topics = [...new Set(members.flatMap((member) => member.topics))].sort(compareIds);
  const partitions: GroupTopicPartition[] = [];
  for (const topic of topics) {
    const partitionCount = partitionCounts.get(topic) ?? 0;
    for (let partition = 0; partition < partitionCount; partition++) partitions.push({ topic, partition });
  }
  return partitions;
}
