/**
 * Kafka's RangeAssignor: per topic, the subscribed members in member-id order each take a
 * contiguous range of partitions; the first `partitions % members` of them take one extra.
 * Topics: 2 members, 3 partitions each → the first member gets 0–1 of every topic.
 */
import type { AssignorMember, GroupAssignment } from "./assignor";
import { compareIds, emptyAssignment } from "./assignor";

export function rangeAssign(
  members: readonly AssignorMember[],
  partitionCounts: ReadonlyMap<string, number>,
): GroupAssignment {
  const assignment = emptyAssignment(members);
  const topics = [...new Set(members.flatMap((member) => member.topics))].sort(compareIds);
  for (const topic of topics) {
    const partitionCount = partitionCounts.get(topic) ?? 0;
    const subscribers = members
      .filter((member) => member.topics.includes(topic))
      .map((member) => member.memberId)
      .sort(compareIds);
    const perMember = Math.floor(partitionCount / subscribers.length);
    const withExtra = partitionCount % subscribers.length;
    subscribers.forEach((memberId, i) => {
      const start = perMember * i + Math.min(i, withExtra);
      const length = perMember + (i < withExtra ? 1 : 0);
      for (let partition = start; partition < start + length; partition++)
        assignment.get(memberId)!.push({ topic, partition });
    });
  }
  return assignment;
}
