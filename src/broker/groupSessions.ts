/**
 * The liveness half of the classic group protocol: Heartbeat (which also tells a member a
 * rebalance is under way), LeaveGroup, and the session timer that removes a member not heard from
 * for its session.timeout.ms. A member with a JoinGroup or SyncGroup parked counts as alive, as in
 * Kafka (its session starts again when the rebalance answers it).
 */
import type { ErrorName } from "../protocol/errors";
import type { HeartbeatRequest, LeaveGroupRequest } from "../protocol/groupMessages";
import { groupErrorResponse } from "../protocol/groupMessages";
import type { GroupIo } from "./groupIo";
import type { GroupMetadata, Member } from "./groupMetadata";
import type { GroupRebalancer } from "./groupRebalance";

export class GroupSessions {
  constructor(
    private readonly io: GroupIo,
    private readonly rebalancer: GroupRebalancer,
  ) {}

  heartbeat(group: GroupMetadata, from: string, request: HeartbeatRequest): void {
    const error = this.heartbeatError(group, request);
    const member = group.members.get(request.memberId);
    if (member !== undefined && (error === "NONE" || error === "REBALANCE_IN_PROGRESS"))
      this.schedule(group, member);
    this.io.respond(from, { type: "HeartbeatResponse", correlationId: request.correlationId, error });
  }

  leave(group: GroupMetadata, from: string, request: LeaveGroupRequest): void {
    const answer = (error: ErrorName): void => this.io.respond(from, groupErrorResponse(request, error));
    const pendingTimer = group.pendingMembers.get(request.memberId);
    if (pendingTimer !== undefined) {
      this.io.ctx.cancelTimer(pendingTimer);
      group.pendingMembers.delete(request.memberId);
      this.rebalancer.onMemberRemoved(group, `${request.memberId} left before joining`);
      return answer("NONE");
    }
    const member = group.members.get(request.memberId);
    if (member === undefined) return answer("UNKNOWN_MEMBER_ID");
    this.remove(group, member, `${member.memberId} left the group`);
    answer("NONE");
  }

  /** (Re)starts the member's session: it is removed if not heard from within session.timeout.ms. */
  schedule(group: GroupMetadata, member: Member): void {
    const ctx = this.io.ctx;
    ctx.cancelTimer(member.sessionTimer);
    member.sessionTimer = ctx.setTimer(member.sessionTimeoutMs, () => this.expire(group, member));
  }

  /** Starts every member's session afresh, for a group just loaded from the log. */
  scheduleAll(group: GroupMetadata): void {
    for (const member of group.members.values()) this.schedule(group, member);
  }

  unload(group: GroupMetadata): void {
    for (const member of group.members.values()) this.io.ctx.cancelTimer(member.sessionTimer);
  }

  /** Kafka's checks, in Kafka's order: membership, then generation, then the state. */
  private heartbeatError(group: GroupMetadata, request: HeartbeatRequest): ErrorName {
    if (!group.members.has(request.memberId)) return "UNKNOWN_MEMBER_ID";
    if (request.generationId !== group.generation) return "ILLEGAL_GENERATION";
    switch (group.state) {
      case "Empty":
        return "UNKNOWN_MEMBER_ID";
      case "PreparingRebalance":
        return "REBALANCE_IN_PROGRESS";
      case "CompletingRebalance":
      case "Stable":
        return "NONE";
    }
  }

  private expire(group: GroupMetadata, member: Member): void {
    member.sessionTimer = undefined;
    if (group.members.get(member.memberId) !== member) return;
    if (member.joinWaiter !== undefined || member.syncWaiter !== undefined) return; // awaiting the rebalance: alive
    this.remove(group, member, `${member.memberId} session timed out after ${member.sessionTimeoutMs} ms`);
  }

  private remove(group: GroupMetadata, member: Member, reason: string): void {
    this.io.ctx.cancelTimer(member.sessionTimer);
    group.members.delete(member.memberId);
    if (group.leaderId === member.memberId) group.leaderId = group.members.keys().next().value ?? null;
    this.io.ctx.trace("group-member-removed", { group: group.groupId, member: member.memberId, reason });
    this.rebalancer.onMemberRemoved(group, reason);
  }
}
