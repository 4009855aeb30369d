/**
 * One consumer group as its coordinator holds it (Kafka's GroupMetadata): the state machine's
 * current state, the generation, the chosen protocol and leader, the members with the requests
 * they have parked, and the committed offsets. Members keep their join order (a Map), which
 * makes leader choice and every iteration deterministic.
 */
import type { TimerHandle } from "../kernel/node";
import type {
  CommittedOffset,
  GroupProtocol,
  GroupTopicPartition,
  JoinGroupMember,
  MemberSubscription,
} from "../protocol/groupMessages";
import type { StoredGroup, StoredMember } from "./groupRecords";

/**
 * Empty: no members (offsets may remain). PreparingRebalance: waiting for members to (re)join.
 * CompletingRebalance: joined, waiting for the leader's assignment (Kafka's AwaitingSync).
 * Stable: assignment handed out.
 */
export type GroupState = "Empty" | "PreparingRebalance" | "CompletingRebalance" | "Stable";

/** A request the coordinator answers later: where to send the answer. */
export interface Waiter {
  readonly to: string;
  readonly correlationId: number;
}

export interface Member {
  readonly memberId: string;
  clientId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: readonly GroupProtocol[];
  assignment: readonly GroupTopicPartition[];
  /** A JoinGroup parked until the rebalance completes. */
  joinWaiter: Waiter | undefined;
  /** A SyncGroup parked until the leader's assignment is stored. */
  syncWaiter: Waiter | undefined;
  /** Fires session.timeout.ms after the member was last heard from. */
  sessionTimer: TimerHandle | undefined;
}

/** Kafka's InitialDelayedJoin bookkeeping (group.initial.rebalance.delay.ms). */
export interface InitialDelay {
  newMemberAdded: boolean;
  remainingMs: number;
}

export class GroupMetadata {
  state: GroupState = "Empty";
  generation = 0;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  /** Member ids handed out with MEMBER_ID_REQUIRED, not yet used to join, each with its expiry timer. */
  readonly pendingMembers = new Map<string, TimerHandle>();
  /** Completes the join phase when the rebalance timeout (or an initial delay) runs out. */
  joinTimer: TimerHandle | undefined;
  initialDelay: InitialDelay | undefined;
  /** Committed offsets by partition name. */
  readonly offsets = new Map<string, CommittedOffset>();
  /** False once the coordinator gave the group up: a late callback must not act for it (or write for it). */
  loaded = true;

  constructor(readonly groupId: string) {}

  /** Every member has a JoinGroup parked and no handed-out member id is still expected. */
  allMembersJoined(): boolean {
    if (this.pendingMembers.size > 0) return false;
    for (const member of this.members.values()) if (member.joinWaiter === undefined) return false;
    return true;
  }

  /** The longest rebalance timeout among the members: how long a rebalance may wait for them. */
  rebalanceTimeoutMs(): number {
    let timeoutMs = 0;
    for (const member of this.members.values()) timeoutMs = Math.max(timeoutMs, member.rebalanceTimeoutMs);
    return timeoutMs;
  }

  /** Protocols every member supports, or undefined for an empty group (anything goes). */
  candidateProtocols(): Set<string> | undefined {
    let candidates: Set<string> | undefined;
    for (const member of this.members.values()) {
      const names = new Set(member.protocols.map((protocol) => protocol.name));
      candidates =
        candidates === undefined ? names : new Set([...candidates].filter((name) => names.has(name)));
    }
    return candidates;
  }

  /** Whether a member offering `protocols` could join (Kafka's supportsProtocols). */
  supportsProtocols(protocols: readonly GroupProtocol[]): boolean {
    if (protocols.length === 0) return false;
    const candidates = this.candidateProtocols();
    return candidates === undefined || protocols.some((protocol) => candidates.has(protocol.name));
  }

  /** Each member votes for its most preferred candidate; most votes wins, ties to the first voted. */
  selectProtocol(): string {
    const candidates = this.candidateProtocols() ?? new Set<string>();
    const votes = new Map<string, number>();
    for (const member of this.members.values()) {
      const choice = member.protocols.find((protocol) => candidates.has(protocol.name));
      if (choice !== undefined) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
    }
    let selected = "";
    let selectedVotes = 0;
    for (const [name, count] of votes) {
      if (count > selectedVotes) [selected, selectedVotes] = [name, count];
    }
    return selected;
  }

  subscriptionOf(member: Member): MemberSubscription {
    return (
      member.protocols.find((protocol) => protocol.name === this.protocolName)?.metadata ?? { topics: [] }
    );
  }

  /** The member list the leader gets in its JoinGroup answer. */
  joinMembers(): JoinGroupMember[] {
    return [...this.members.values()].map((member) => ({
      memberId: member.memberId,
      metadata: this.subscriptionOf(member),
    }));
  }

  /** The group's metadata record, with `assignments` (by member id) in place of the current ones. */
  toStored(assignments?: ReadonlyMap<string, readonly GroupTopicPartition[]>): StoredGroup {
    const members: StoredMember[] = [...this.members.values()].map((member) => ({
      memberId: member.memberId,
      clientId: member.clientId,
      sessionTimeoutMs: member.sessionTimeoutMs,
      rebalanceTimeoutMs: member.rebalanceTimeoutMs,
      subscription: this.subscriptionOf(member),
      assignment: assignments?.get(member.memberId) ?? member.assignment,
    }));
    return { generation: this.generation, protocolName: this.protocolName, leaderId: this.leaderId, members };
  }

  /** A group as a coordinator loads it from the log: Stable with its members, or Empty (as Kafka's loadGroup). */
  static fromStored(groupId: string, stored: StoredGroup): GroupMetadata {
    const group = new GroupMetadata(groupId);
    group.generation = stored.generation;
    group.protocolName = stored.protocolName;
    group.leaderId = stored.leaderId;
    for (const member of stored.members) {
      group.members.set(member.memberId, {
        memberId: member.memberId,
        clientId: member.clientId,
        sessionTimeoutMs: member.sessionTimeoutMs,
        rebalanceTimeoutMs: member.rebalanceTimeoutMs,
        protocols: [{ name: stored.protocolName ?? "", metadata: member.subscription }],
        assignment: member.assignment,
        joinWaiter: undefined,
        syncWaiter: undefined,
        sessionTimer: undefined,
      });
    }
    group.state = group.members.size > 0 ? "Stable" : "Empty";
    return group;
  }
}
