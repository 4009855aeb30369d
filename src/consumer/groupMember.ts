/**
 * The consumer's side of group membership (Kafka's AbstractCoordinator / ConsumerCoordinator):
 * JoinGroup (with the member id the coordinator hands out), SyncGroup (as leader, after computing
 * the assignment), LeaveGroup, and the member id and generation every other group request
 * carries. The heartbeat thread (heartbeatThread.ts) watches the membership from beside it.
 */
import type { NodeContext } from "../kernel/node";
import type { ErrorName } from "../protocol/errors";
import type {
  GroupTopicPartition,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  SyncGroupRequest,
  SyncGroupResponse,
} from "../protocol/groupMessages";
import type { ConsumerMetadata } from "./consumerMetadata";
import type { ConsumerSettings } from "./consumerSettings";
import type { CoordinatorLocator } from "./coordinatorLocator";
import type { RequestTracker } from "./requestTracker";
import { assignorFor, type Assignor } from "./assignors/assignor";

/** Kafka's JOIN_GROUP_TIMEOUT_LAPSE: a JoinGroup may legitimately wait out a whole rebalance. */
const JOIN_GROUP_TIMEOUT_LAPSE_MS = 5000;

/** unjoined → joining (JoinGroup out) → syncing (SyncGroup out) → stable. */
export type MemberState = "unjoined" | "joining" | "syncing" | "stable" | "failed";

export interface Membership {
  readonly memberId: string;
  readonly generation: number;
}

export type OnAssigned = (generation: number, partitions: readonly GroupTopicPartition[]) => void;

export class GroupMember {
  private memberIdValue = "";
  private generationValue = -1;
  private stateValue: MemberState = "unjoined";
  private rejoinRequested = true;
  /** Bumped on every join attempt and reset: answers for an older attempt are ignored. */
  private attempt = 0;
  private stopped = false;
  private readonly assignor: Assignor;

  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly tracker: RequestTracker,
    private readonly locator: CoordinatorLocator,
    private readonly metadata: ConsumerMetadata,
    private readonly settings: ConsumerSettings,
    /** The member must rejoin: the poll loop should notice. */
    private readonly onRejoinNeeded: () => void,
  ) {
    this.assignor = assignorFor(settings.config.partitionAssignmentStrategy);
  }

  get state(): MemberState {
    return this.stateValue;
  }

  get generation(): number {
    return this.generationValue;
  }

  get memberId(): string {
    return this.memberIdValue;
  }

  get needsRejoin(): boolean {
    return this.rejoinRequested || this.stateValue !== "stable";
  }

  /** Kafka's generationIfStable: commits carry this; outside a stable membership there is none. */
  stableMembership(): Membership | undefined {
    if (this.stateValue !== "stable" || this.generationValue < 0) return undefined;
    return { memberId: this.memberIdValue, generation: this.generationValue };
  }

  requestRejoin(): void {
    this.rejoinRequested = true;
    this.onRejoinNeeded();
  }

  /** A coordinator said our generation (and, for UNKNOWN_MEMBER_ID, our member id) is no more. */
  resetGeneration(error: ErrorName): void {
    if (error === "UNKNOWN_MEMBER_ID") this.memberIdValue = "";
    this.generationValue = -1;
    this.stateValue = "unjoined";
    this.attempt++;
    this.requestRejoin();
  }

  /** Joins (or rejoins) the group; `onAssigned` runs once, with this member's partitions. */
  join(onAssigned: OnAssigned): void {
    if (this.stopped || this.stateValue === "failed") return;
    this.stateValue = "joining";
    this.rejoinRequested = false;
    const attempt = ++this.attempt;
    this.locator.withCoordinator((coordinator) => this.sendJoin(coordinator, attempt, onAssigned));
  }

  /** Sends LeaveGroup if in a group, and forgets the membership (Kafka's maybeLeaveGroup). */
  leave(reason: string): void {
    const coordinator = this.locator.coordinator;
    if (coordinator !== null && this.memberIdValue !== "" && this.stateValue !== "unjoined") {
      const memberId = this.memberIdValue;
      this.ctx.trace("consumer-leave", { group: this.settings.group, memberId, reason });
      this.tracker.send<LeaveGroupResponse>(
        coordinator,
        (correlationId): LeaveGroupRequest => ({
          type: "LeaveGroupRequest",
          correlationId,
          groupId: this.settings.group,
          memberId,
        }),
        "LeaveGroupResponse",
        this.settings.config.requestTimeoutMs,
        () => {},
        () => {},
      );
    }
    this.memberIdValue = "";
    this.generationValue = -1;
    this.stateValue = "unjoined";
    this.attempt++;
    this.rejoinRequested = true;
  }

  /** The consumer closed: no more join attempts. */
  stop(): void {
    this.stopped = true;
  }

  // ---- join and sync ------------------------------------------------------------------------

  private sendJoin(coordinator: string, attempt: number, onAssigned: OnAssigned): void {
    if (attempt !== this.attempt) return;
    const { config, group, topics } = this.settings;
    const memberId = this.memberIdValue;
    this.tracker.send<JoinGroupResponse>(
      coordinator,
      (correlationId): JoinGroupRequest => ({
        type: "JoinGroupRequest",
        correlationId,
        groupId: group,
        memberId,
        sessionTimeoutMs: config.sessionTimeoutMs,
        rebalanceTimeoutMs: config.maxPollIntervalMs,
        protocols: [{ name: this.assignor.name, metadata: { topics } }],
      }),
      "JoinGroupResponse",
      Math.max(config.requestTimeoutMs, config.maxPollIntervalMs + JOIN_GROUP_TIMEOUT_LAPSE_MS),
      (response) => this.onJoinResponse(coordinator, attempt, response, onAssigned),
      () => this.retryJoin(coordinator, attempt, "NOT_COORDINATOR", onAssigned),
    );
  }

  private onJoinResponse(
    coordinator: string,
    attempt: number,
    response: JoinGroupResponse,
    onAssigned: OnAssigned,
  ): void {
    if (attempt !== this.attempt) return;
    if (response.error === "NONE") {
      this.memberIdValue = response.memberId;
      this.generationValue = response.generationId;
      this.stateValue = "syncing";
      if (response.leader === response.memberId)
        this.syncAsLeader(coordinator, attempt, response, onAssigned);
      else this.sendSync(coordinator, attempt, [], onAssigned);
      return;
    }
    if (response.error === "MEMBER_ID_REQUIRED") {
      this.memberIdValue = response.memberId;
      return this.sendJoin(coordinator, attempt, onAssigned);
    }
    if (response.error === "INVALID_SESSION_TIMEOUT" || response.error === "INCONSISTENT_GROUP_PROTOCOL") {
      this.stateValue = "failed";
      this.ctx.trace("consumer-fatal", { group: this.settings.group, error: response.error });
      return;
    }
    this.retryJoin(coordinator, attempt, response.error, onAssigned);
  }

  /** The leader assigns every member's partitions, once it knows every subscribed topic's size. */
  private syncAsLeader(
    coordinator: string,
    attempt: number,
    response: JoinGroupResponse,
    onAssigned: OnAssigned,
  ): void {
    const members = response.members.map((member) => ({
      memberId: member.memberId,
      topics: member.metadata.topics,
    }));
    const topics = [...new Set(members.flatMap((member) => member.topics))];
    this.metadata.addTopics(topics);
    if (topics.some((topic) => this.metadata.partitionCount(topic) === undefined)) {
      this.metadata.refresh();
      this.ctx.setTimer(this.settings.config.retryBackoffMs, () => {
        if (attempt === this.attempt) this.syncAsLeader(coordinator, attempt, response, onAssigned);
      });
      return;
    }
    const counts = new Map(topics.map((topic) => [topic, this.metadata.partitionCount(topic)!]));
    const assignment = this.assignor.assign(members, counts);
    const assignments = [...assignment].map(([memberId, partitions]) => ({ memberId, partitions }));
    this.sendSync(coordinator, attempt, assignments, onAssigned);
  }

  private sendSync(
    coordinator: string,
    attempt: number,
    assignments: SyncGroupRequest["assignments"],
    onAssigned: OnAssigned,
  ): void {
    const { memberIdValue: memberId, generationValue: generationId } = this;
    this.tracker.send<SyncGroupResponse>(
      coordinator,
      (correlationId): SyncGroupRequest => ({
        type: "SyncGroupRequest",
        correlationId,
        groupId: this.settings.group,
        generationId,
        memberId,
        assignments,
      }),
      "SyncGroupResponse",
      this.settings.config.requestTimeoutMs,
      (response) => this.onSyncResponse(coordinator, attempt, response, onAssigned),
      () => this.retryJoin(coordinator, attempt, "NOT_COORDINATOR", onAssigned),
    );
  }

  private onSyncResponse(
    coordinator: string,
    attempt: number,
    response: SyncGroupResponse,
    onAssigned: OnAssigned,
  ): void {
    if (attempt !== this.attempt) return;
    if (response.error !== "NONE") return this.retryJoin(coordinator, attempt, response.error, onAssigned);
    this.stateValue = "stable";
    this.ctx.trace("consumer-joined", {
      group: this.settings.group,
      generation: this.generationValue,
      partitions: response.partitions.length,
    });
    onAssigned(this.generationValue, response.partitions);
  }

  /** Any failure of a join attempt: fix what the error says, then start over from JoinGroup. */
  private retryJoin(coordinator: string, attempt: number, error: ErrorName, onAssigned: OnAssigned): void {
    if (attempt !== this.attempt) return;
    if (error === "UNKNOWN_MEMBER_ID") this.memberIdValue = "";
    if (error === "UNKNOWN_MEMBER_ID" || error === "ILLEGAL_GENERATION") this.generationValue = -1;
    if (error === "NOT_COORDINATOR" || error === "COORDINATOR_NOT_AVAILABLE")
      this.locator.markUnknown(coordinator);
    this.stateValue = "joining";
    // REBALANCE_IN_PROGRESS means "join again now"; anything else waits retry.backoff.ms first.
    const delayMs = error === "REBALANCE_IN_PROGRESS" ? 0 : this.settings.config.retryBackoffMs;
    this.ctx.setTimer(delayMs, () => {
      if (attempt !== this.attempt || this.stopped) return;
      this.locator.withCoordinator((next) => this.sendJoin(next, attempt, onAssigned));
    });
  }
}
