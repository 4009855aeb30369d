/**
 * Consumer-group requests and responses (Kafka's classic group protocol): FindCoordinator, the
 * membership calls JoinGroup / SyncGroup / Heartbeat / LeaveGroup, and offset storage with
 * OffsetCommit / OffsetFetch. Every request carries a correlation id its response echoes.
 */
import type { ErrorName } from "./errors";

export interface GroupTopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** What a member tells the group leader about itself (Kafka's ConsumerProtocol subscription). */
export interface MemberSubscription {
  readonly topics: readonly string[];
}

export interface GroupProtocol {
  /** The assignor's name: "range", "roundrobin". */
  readonly name: string;
  readonly metadata: MemberSubscription;
}

export interface FindCoordinatorRequest {
  readonly type: "FindCoordinatorRequest";
  readonly correlationId: number;
  readonly groupId: string;
}

export interface FindCoordinatorResponse {
  readonly type: "FindCoordinatorResponse";
  readonly correlationId: number;
  readonly error: ErrorName;
  /** Broker id of the coordinator, or null with an error. */
  readonly coordinator: string | null;
}

export interface JoinGroupRequest {
  readonly type: "JoinGroupRequest";
  readonly correlationId: number;
  readonly groupId: string;
  /** "" on a first join: the coordinator answers MEMBER_ID_REQUIRED with one to use. */
  readonly memberId: string;
  readonly sessionTimeoutMs: number;
  /** How long the coordinator waits for every member to rejoin (the member's max.poll.interval.ms). */
  readonly rebalanceTimeoutMs: number;
  readonly protocols: readonly GroupProtocol[];
}

export interface JoinGroupMember {
  readonly memberId: string;
  readonly metadata: MemberSubscription;
}

export interface JoinGroupResponse {
  readonly type: "JoinGroupResponse";
  readonly correlationId: number;
  readonly error: ErrorName;
  readonly generationId: number;
  readonly protocolName: string | null;
  readonly leader: string;
  readonly memberId: string;
  /** Every member and its subscription, for the leader only (empty for the others). */
  readonly members: readonly JoinGroupMember[];
}

export interface MemberAssignment {
  readonly memberId: string;
  readonly partitions: readonly GroupTopicPartition[];
}

export interface SyncGroupRequest {
  readonly type: "SyncGroupRequest";
  readonly correlationId: number;
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  /** The leader's assignment for every member; empty from the others. */
  readonly assignments: readonly MemberAssignment[];
}

export interface SyncGroupResponse {
  readonly type: "SyncGroupResponse";
  readonly correlationId: number;
  readonly error: ErrorName;
  readonly partitions: readonly GroupTopicPartition[];
}

export interface HeartbeatRequest {
  readonly type: "HeartbeatRequest";
  readonly correlationId: number;
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
}

export interface HeartbeatResponse {
  readonly type: "HeartbeatResponse";
  readonly correlationId: number;
  readonly error: ErrorName;
}

export interface LeaveGroupRequest {
  readonly type: "LeaveGroupRequest";
  readonly correlationId: number;
  readonly groupId: string;
  readonly memberId: string;
}

export interface LeaveGroupResponse {
  readonly type: "LeaveGroupResponse";
  readonly correlationId: number;
  readonly error: ErrorName;
}

export interface CommittedOffset extends GroupTopicPartition {
  readonly offset: number;
  /**
   * The leader epoch of the record before `offset`, when the committer knew it (KIP-320): a
   * consumer resuming from the offset validates it against the current leader first.
   */
  readonly leaderEpoch?: number;
}

export interface OffsetCommitRequest {
  readonly type: "OffsetCommitRequest";
  readonly correlationId: number;
  readonly groupId: string;
  /** -1 with an empty member id: a commit from outside group management (accepted only while the group is empty). */
  readonly generationId: number;
  readonly memberId: string;
  readonly offsets: readonly CommittedOffset[];
}

export interface OffsetCommitResponse {
  readonly type: "OffsetCommitResponse";
  readonly correlationId: number;
  readonly partitions: readonly (GroupTopicPartition & { readonly error: ErrorName })[];
}

export interface OffsetFetchRequest {
  readonly type: "OffsetFetchRequest";
  readonly correlationId: number;
  readonly groupId: string;
  readonly partitions: readonly GroupTopicPartition[];
}

/** Kafka's OffsetFetchResponse.INVALID_OFFSET: nothing committed. */
export const NO_COMMITTED_OFFSET = -1;

export interface OffsetFetchResponse {
  readonly type: "OffsetFetchResponse";
  readonly correlationId: number;
  /** A group-level error (NOT_COORDINATOR, …); the partitions are empty then. */
  readonly error: ErrorName;
  readonly partitions: readonly CommittedOffset[];
}

export type GroupRequest =
  | FindCoordinatorRequest
  | JoinGroupRequest
  | SyncGroupRequest
  | HeartbeatRequest
  | LeaveGroupRequest
  | OffsetCommitRequest
  | OffsetFetchRequest;

export type GroupResponse =
  | FindCoordinatorResponse
  | JoinGroupResponse
  | SyncGroupResponse
  | HeartbeatResponse
  | LeaveGroupResponse
  | OffsetCommitResponse
  | OffsetFetchResponse;

/** Requests for a specific group (all but FindCoordinator), which only its coordinator may answer. */
export type CoordinatedRequest = Exclude<GroupRequest, FindCoordinatorRequest>;

/** The answer to `request` that carries only `error` (for requests refused before any work). */
export function groupErrorResponse(request: CoordinatedRequest, error: ErrorName): GroupResponse {
  const correlationId = request.correlationId;
  switch (request.type) {
    case "JoinGroupRequest":
      return {
        type: "JoinGroupResponse",
        correlationId,
        error,
        generationId: -1,
        protocolName: null,
        leader: "",
        memberId: request.memberId,
        members: [],
      };
    case "SyncGroupRequest":
      return { type: "SyncGroupResponse", correlationId, error, partitions: [] };
    case "HeartbeatRequest":
      return { type: "HeartbeatResponse", correlationId, error };
    case "LeaveGroupRequest":
      return { type: "LeaveGroupResponse", correlationId, error };
    case "OffsetCommitRequest":
      return {
        type: "OffsetCommitResponse",
        correlationId,
        partitions: request.offsets.map((at) => ({ topic: at.topic, partition: at.partition, error })),
      };
    case "OffsetFetchRequest":
      return { type: "OffsetFetchResponse", correlationId, error, partitions: [] };
  }
}

/**
 * What rides a client's own connection to its group coordinator, requests and responses alike.
 * Kafka's classic consumer opens that connection apart from its fetches (AbstractCoordinator names
 * the coordinator node Integer.MAX_VALUE − its broker id "to allow separate connections for the
 * coordinator"); finding the coordinator is an ordinary request.
 */
export const COORDINATOR_CONNECTION_TYPES: ReadonlySet<string> = new Set([
  "JoinGroupRequest",
  "JoinGroupResponse",
  "SyncGroupRequest",
  "SyncGroupResponse",
  "HeartbeatRequest",
  "HeartbeatResponse",
  "LeaveGroupRequest",
  "LeaveGroupResponse",
  "OffsetCommitRequest",
  "OffsetCommitResponse",
  "OffsetFetchRequest",
  "OffsetFetchResponse",
]);
