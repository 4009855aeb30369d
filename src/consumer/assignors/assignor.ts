/**
 * A partition assignor, run by the group leader over every member's subscription: Kafka's
 * ConsumerPartitionAssignor reduced to what eager rebalancing needs.
 */
import type { AssignmentStrategy } from "../../config/consumerConfig";
import type { GroupTopicPartition } from "../../protocol/groupMessages";
import { rangeAssign } from "./rangeAssignor";
import { roundRobinAssign } from "./roundRobinAssignor";

export interface AssignorMember {
  readonly memberId: string;
  readonly topics: readonly string[];
}

/** Member id → its partitions; every member appears, possibly with none. */
export type GroupAssignment = Map<string, GroupTopicPartition[]>;

export interface Assignor {
  /** The protocol name members offer in JoinGroup. */
  readonly name: string;
  /** `partitionCounts` holds every subscribed topic the leader knows; unknown topics get no partitions. */
  assign(members: readonly AssignorMember[], partitionCounts: ReadonlyMap<string, number>): GroupAssignment;
}

const RANGE: Assignor = { name: "range", assign: rangeAssign };
const ROUND_ROBIN: Assignor = { name: "roundrobin", assign: roundRobinAssign };

/** ksim rebalances eagerly (every partition revoked, then reassigned); cooperative-sticky is rejected. */
export function assignorFor(strategy: AssignmentStrategy): Assignor {
  return strategy === "range" ? RANGE : ROUND_ROBIN;
}

/** Java's String.compareTo order (UTF-16 code units), which JavaScript's `<` also uses. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function emptyAssignment(members: readonly AssignorMember[]): GroupAssignment {
  return new Map(members.map((member) => [member.memberId, []]));
}
