/**
 * The rebalance half of the classic group protocol, as Kafka's GroupCoordinator runs it: JoinGroup
 * (member ids handed out with MEMBER_ID_REQUIRED, the initial rebalance delay for a first join into
 * an empty group, the wait for every member up to the rebalance timeout), the generation bump when
 * the join phase completes, and SyncGroup (the leader's assignment stored with acks=all, then
 * handed to every member).
 */
import type { ErrorName } from "../protocol/errors";
import type {
  GroupTopicPartition,
  JoinGroupRequest,
  JoinGroupResponse,
  SyncGroupRequest,
} from "../protocol/groupMessages";
import { groupErrorResponse } from "../protocol/groupMessages";
import type { GroupIo } from "./groupIo";
import type { GroupMetadata, Member, Waiter } from "./groupMetadata";

/** Starts (or restarts) a member's session timer; owned by GroupSessions. */
export type SessionScheduler = (group: GroupMetadata, member: Member) => void;

export class GroupRebalancer {
  /** Makes member ids unique within this broker incarnation (with the time, across incarnations too). */
  private memberIdSeq = 0;

  constructor(
    private readonly io: GroupIo,
    private readonly scheduleSession: SessionScheduler,
  ) {}

  join(group: GroupMetadata, from: string, request: JoinGroupRequest): void {
    const refuse = (error: ErrorName): void => this.io.respond(from, groupErrorResponse(request, error));
    const { sessionTimeoutMs } = request;
    if (
      sessionTimeoutMs < this.io.groupMinSessionTimeoutMs ||
      sessionTimeoutMs > this.io.groupMaxSessionTimeoutMs
    ) {
      return refuse("INVALID_SESSION_TIMEOUT");
    }
    if (!group.supportsProtocols(request.protocols)) return refuse("INCONSISTENT_GROUP_PROTOCOL");
    if (request.memberId === "") return this.handOutMemberId(group, from, request);
    if (group.pendingMembers.has(request.memberId)) return this.addMember(group, from, request);
    const member = group.members.get(request.memberId);
    if (member === undefined) return refuse("UNKNOWN_MEMBER_ID");
    this.rejoin(group, member, from, request);
  }

  sync(group: GroupMetadata, from: string, request: SyncGroupRequest): void {
    const refuse = (error: ErrorName): void => this.io.respond(from, groupErrorResponse(request, error));
    const member = group.members.get(request.memberId);
    if (member === undefined) return refuse("UNKNOWN_MEMBER_ID");
    if (request.generationId !== group.generation) return refuse("ILLEGAL_GENERATION");
    switch (group.state) {
      case "Empty":
        return refuse("UNKNOWN_MEMBER_ID");
      case "PreparingRebalance":
        return refuse("REBALANCE_IN_PROGRESS");
      case "Stable":
        this.scheduleSession(group, member);
        return this.io.respond(from, syncAnswer(request.correlationId, "NONE", member.assignment));
      case "CompletingRebalance":
        member.syncWaiter = { to: from, correlationId: request.correlationId };
        if (member.memberId === group.leaderId) this.storeAssignment(group, request);
    }
  }

  /** A member left or expired: a settled group rebalances; a rebalancing one may now be complete. */
  onMemberRemoved(group: GroupMetadata, reason: string): void {
    if (group.state === "Stable" || group.state === "CompletingRebalance")
      this.prepareRebalance(group, reason);
    else if (group.state === "PreparingRebalance") this.tryCompleteJoin(group);
  }

  /** The coordinator moved away: parked requests learn it, timers stop (Kafka's onGroupUnloaded). */
  unload(group: GroupMetadata): void {
    const ctx = this.io.ctx;
    group.loaded = false;
    ctx.cancelTimer(group.joinTimer);
    for (const timer of group.pendingMembers.values()) ctx.cancelTimer(timer);
    for (const member of group.members.values()) {
      if (member.joinWaiter !== undefined)
        this.answerJoin(group, member, member.joinWaiter, "NOT_COORDINATOR");
      if (member.syncWaiter !== undefined) this.answerSync(member, "NOT_COORDINATOR", []);
      member.joinWaiter = undefined;
    }
  }

  // ---- join ---------------------------------------------------------------------------------

  /** A first join: hand out a member id to join with (KIP-394), expected within the session timeout. */
  private handOutMemberId(group: GroupMetadata, from: string, request: JoinGroupRequest): void {
    const memberId = `${from}-${this.io.brokerId}-${this.io.ctx.now()}-${++this.memberIdSeq}`;
    const expiry = this.io.ctx.setTimer(request.sessionTimeoutMs, () => {
      if (!group.pendingMembers.delete(memberId)) return;
      if (group.state === "PreparingRebalance") this.tryCompleteJoin(group);
    });
    group.pendingMembers.set(memberId, expiry);
    this.io.respond(from, {
      ...groupErrorResponse(request, "MEMBER_ID_REQUIRED"),
      memberId,
    } as JoinGroupResponse);
  }

  private addMember(group: GroupMetadata, from: string, request: JoinGroupRequest): void {
    this.io.ctx.cancelTimer(group.pendingMembers.get(request.memberId));
    group.pendingMembers.delete(request.memberId);
    group.members.set(request.memberId, {
      memberId: request.memberId,
      clientId: from,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: request.rebalanceTimeoutMs,
      protocols: request.protocols,
      assignment: [],
      joinWaiter: { to: from, correlationId: request.correlationId },
      syncWaiter: undefined,
      sessionTimer: undefined,
    });
    group.leaderId ??= request.memberId;
    if (group.initialDelay !== undefined) group.initialDelay.newMemberAdded = true;
    if (group.state !== "PreparingRebalance") this.prepareRebalance(group, `${request.memberId} joined`);
    this.tryCompleteJoin(group);
  }

  /** A known member joins again: during a rebalance it is counted in; otherwise it may force one. */
  private rejoin(group: GroupMetadata, member: Member, from: string, request: JoinGroupRequest): void {
    const waiter: Waiter = { to: from, correlationId: request.correlationId };
    const protocolsChanged = JSON.stringify(member.protocols) !== JSON.stringify(request.protocols);
    const settled = group.state === "Stable" || group.state === "CompletingRebalance";
    const isLeaderInStable = group.state === "Stable" && member.memberId === group.leaderId;
    if (settled && !protocolsChanged && !isLeaderInStable) {
      // A lost JoinGroup answer: repeat it for the current generation.
      this.answerJoin(group, member, waiter, "NONE");
      return;
    }
    member.clientId = from;
    member.protocols = request.protocols;
    member.sessionTimeoutMs = request.sessionTimeoutMs;
    member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
    member.joinWaiter = waiter;
    if (group.state !== "PreparingRebalance") this.prepareRebalance(group, `${member.memberId} rejoined`);
    this.tryCompleteJoin(group);
  }

  private prepareRebalance(group: GroupMetadata, reason: string): void {
    const ctx = this.io.ctx;
    if (group.state === "CompletingRebalance") this.failSyncs(group, "REBALANCE_IN_PROGRESS");
    ctx.cancelTimer(group.joinTimer);
    if (group.state === "Empty") {
      const delayMs = this.io.groupInitialRebalanceDelayMs;
      group.initialDelay = {
        newMemberAdded: false,
        remainingMs: Math.max(group.rebalanceTimeoutMs() - delayMs, 0),
      };
      group.joinTimer = ctx.setTimer(delayMs, () => this.onInitialDelayEnd(group));
    } else {
      group.joinTimer = ctx.setTimer(group.rebalanceTimeoutMs(), () => this.completeJoin(group));
    }
    group.state = "PreparingRebalance";
    ctx.trace("group-rebalance", { group: group.groupId, generation: group.generation, reason });
  }

  /** Kafka's InitialDelayedJoin: while members keep arriving, wait another delay (within the rebalance timeout). */
  private onInitialDelayEnd(group: GroupMetadata): void {
    const delay = group.initialDelay;
    if (delay === undefined) return;
    if (!delay.newMemberAdded || delay.remainingMs === 0) return this.completeJoin(group);
    const delayMs = Math.min(this.io.groupInitialRebalanceDelayMs, delay.remainingMs);
    delay.newMemberAdded = false;
    delay.remainingMs = Math.max(delay.remainingMs - delayMs, 0);
    group.joinTimer = this.io.ctx.setTimer(delayMs, () => this.onInitialDelayEnd(group));
  }

  private tryCompleteJoin(group: GroupMetadata): void {
    if (
      group.state === "PreparingRebalance" &&
      group.initialDelay === undefined &&
      group.allMembersJoined()
    ) {
      this.completeJoin(group);
    }
  }

  /** Drops members that did not rejoin, bumps the generation and answers every parked JoinGroup. */
  private completeJoin(group: GroupMetadata): void {
    this.io.ctx.cancelTimer(group.joinTimer);
    group.joinTimer = undefined;
    group.initialDelay = undefined;
    for (const member of [...group.members.values()]) {
      if (member.joinWaiter !== undefined) continue;
      this.io.ctx.cancelTimer(member.sessionTimer);
      group.members.delete(member.memberId);
    }
    group.generation++;
    if (group.members.size === 0) return this.becomeEmpty(group);
    if (group.leaderId === null || !group.members.has(group.leaderId))
      group.leaderId = group.members.keys().next().value!;
    group.protocolName = group.selectProtocol();
    group.state = "CompletingRebalance";
    this.io.ctx.trace("group-join-complete", {
      group: group.groupId,
      generation: group.generation,
      members: group.members.size,
    });
    for (const member of group.members.values()) {
      this.answerJoin(group, member, member.joinWaiter!, "NONE");
      member.joinWaiter = undefined;
      this.scheduleSession(group, member);
    }
  }

  /** Everyone left: the generation still moves on, and is stored so it never goes back. */
  private becomeEmpty(group: GroupMetadata): void {
    group.state = "Empty";
    group.protocolName = null;
    group.leaderId = null;
    this.io.ctx.trace("group-empty", { group: group.groupId, generation: group.generation });
    this.io.storeGroup(group, undefined, () => {});
  }

  private answerJoin(group: GroupMetadata, member: Member, waiter: Waiter, error: ErrorName): void {
    const response: JoinGroupResponse = {
      type: "JoinGroupResponse",
      correlationId: waiter.correlationId,
      error,
      generationId: error === "NONE" ? group.generation : -1,
      protocolName: group.protocolName,
      leader: group.leaderId ?? "",
      memberId: member.memberId,
      members: error === "NONE" && member.memberId === group.leaderId ? group.joinMembers() : [],
    };
    this.io.respond(waiter.to, response);
  }

  // ---- sync ---------------------------------------------------------------------------------

  /** The leader's assignment is stored first; members get it only once it is committed. */
  private storeAssignment(group: GroupMetadata, request: SyncGroupRequest): void {
    const assignments = new Map<string, readonly GroupTopicPartition[]>();
    for (const memberId of group.members.keys()) assignments.set(memberId, []);
    for (const entry of request.assignments)
      if (assignments.has(entry.memberId)) assignments.set(entry.memberId, entry.partitions);
    const generation = group.generation;
    this.io.storeGroup(group, assignments, (error) => {
      if (!group.loaded || group.state !== "CompletingRebalance" || group.generation !== generation) return;
      if (error !== "NONE") {
        this.failSyncs(group, error);
        this.prepareRebalance(group, `storing the assignment failed: ${error}`);
        return;
      }
      this.propagateAssignment(group, assignments);
    });
  }

  private propagateAssignment(
    group: GroupMetadata,
    assignments: ReadonlyMap<string, readonly GroupTopicPartition[]>,
  ): void {
    for (const member of group.members.values()) {
      member.assignment = assignments.get(member.memberId) ?? [];
      if (member.syncWaiter === undefined) continue;
      this.answerSync(member, "NONE", member.assignment);
      this.scheduleSession(group, member);
    }
    group.state = "Stable";
    this.io.ctx.trace("group-stable", { group: group.groupId, generation: group.generation });
  }

  /** Kafka's resetAndPropagateAssignmentError: parked SyncGroups fail, assignments are dropped. */
  private failSyncs(group: GroupMetadata, error: ErrorName): void {
    for (const member of group.members.values()) {
      member.assignment = [];
      if (member.syncWaiter !== undefined) this.answerSync(member, error, []);
    }
  }

  private answerSync(member: Member, error: ErrorName, partitions: readonly GroupTopicPartition[]): void {
    const waiter = member.syncWaiter!;
    member.syncWaiter = undefined;
    this.io.respond(waiter.to, syncAnswer(waiter.correlationId, error, partitions));
  }
}

function syncAnswer(correlationId: number, error: ErrorName, partitions: readonly GroupTopicPartition[]) {
  return { type: "SyncGroupResponse" as const, correlationId, error, partitions };
}
