/**
 * Offset storage for groups: OffsetCommit (validated against the member and generation as Kafka's
 * validateOffsetCommit does, then appended to the group's offsets partition with acks=all and
 * answered only once the append is resolved) and OffsetFetch (from the coordinator's cache, which
 * a commit updates only after its append succeeded).
 */
import type { ErrorName } from "../protocol/errors";
import type { OffsetCommitRequest, OffsetFetchRequest, OffsetFetchResponse } from "../protocol/groupMessages";
import { groupErrorResponse, NO_COMMITTED_OFFSET } from "../protocol/groupMessages";
import { partitionKey } from "../protocol/metadata";
import type { KafkaRecord } from "../storage/recordBatch";
import type { GroupIo } from "./groupIo";
import { GroupMetadata, type Member } from "./groupMetadata";
import { offsetCommitRecord } from "./groupRecords";

export interface OffsetsIo extends Pick<GroupIo, "respond"> {
  /** Appends to the group's offsets partition with acks=all; `done` gets the append's own error. */
  append(groupId: string, records: readonly KafkaRecord[], done: (appendError: ErrorName) => void): void;
  /** A valid commit counts as the member being alive (Kafka resets its session). */
  touch(group: GroupMetadata, member: Member): void;
}

export class GroupOffsets {
  constructor(private readonly io: OffsetsIo) {}

  commit(groups: Map<string, GroupMetadata>, from: string, request: OffsetCommitRequest): void {
    const respond = (error: ErrorName): void => this.io.respond(from, groupErrorResponse(request, error));
    let group = groups.get(request.groupId);
    if (group === undefined) {
      // Unknown group: only a commit from outside group management may create it.
      if (request.generationId >= 0) return respond("ILLEGAL_GENERATION");
      groups.set(request.groupId, (group = new GroupMetadata(request.groupId)));
    }
    const error = validateCommit(group, request);
    if (error !== "NONE") return respond(error);
    const member = group.members.get(request.memberId);
    if (member !== undefined) this.io.touch(group, member);
    const records = request.offsets.map((at) => offsetCommitRecord(request.groupId, at));
    const committedGroup = group;
    this.io.append(request.groupId, records, (appendError) => {
      const commitError = commitErrorFor(appendError);
      if (commitError === "NONE") {
        for (const at of request.offsets)
          committedGroup.offsets.set(partitionKey(at.topic, at.partition), at);
      }
      respond(commitError);
    });
  }

  fetch(groups: ReadonlyMap<string, GroupMetadata>, from: string, request: OffsetFetchRequest): void {
    const offsets = groups.get(request.groupId)?.offsets;
    const response: OffsetFetchResponse = {
      type: "OffsetFetchResponse",
      correlationId: request.correlationId,
      error: "NONE",
      partitions: request.partitions.map((tp) => {
        const committed = offsets?.get(partitionKey(tp.topic, tp.partition));
        return {
          topic: tp.topic,
          partition: tp.partition,
          offset: committed?.offset ?? NO_COMMITTED_OFFSET,
          ...(committed?.leaderEpoch === undefined ? {} : { leaderEpoch: committed.leaderEpoch }),
        };
      }),
    };
    this.io.respond(from, response);
  }
}

/**
 * Kafka's validateOffsetCommit. A commit without member id and generation is accepted only while
 * the group is empty; otherwise the member must be known (UNKNOWN_MEMBER_ID — checked first, so
 * a member already removed gets this) and in the current generation (ILLEGAL_GENERATION). While
 * the leader's assignment is pending the answer is REBALANCE_IN_PROGRESS; during the join phase a
 * current member may still commit (that is how a consumer commits before it rejoins).
 */
export function validateCommit(group: GroupMetadata, request: OffsetCommitRequest): ErrorName {
  if (request.generationId < 0 && request.memberId === "")
    return group.state === "Empty" ? "NONE" : "UNKNOWN_MEMBER_ID";
  if (!group.members.has(request.memberId)) return "UNKNOWN_MEMBER_ID";
  if (request.generationId !== group.generation) return "ILLEGAL_GENERATION";
  if (group.state === "CompletingRebalance") return "REBALANCE_IN_PROGRESS";
  return "NONE";
}

/** How Kafka reports a failed offsets append to the committer (GroupMetadataManager.maybeConvertOffsetCommitError). */
export function commitErrorFor(appendError: ErrorName): ErrorName {
  switch (appendError) {
    case "UNKNOWN_TOPIC_OR_PARTITION":
    case "NOT_ENOUGH_REPLICAS":
    case "NOT_ENOUGH_REPLICAS_AFTER_APPEND":
      return "COORDINATOR_NOT_AVAILABLE";
    case "NOT_LEADER_OR_FOLLOWER":
      return "NOT_COORDINATOR";
    default:
      return appendError;
  }
}

/** How Kafka reports a failed group-metadata append to the members syncing (GroupMetadataManager.storeGroup). */
export function storeGroupErrorFor(appendError: ErrorName): ErrorName {
  if (appendError === "REQUEST_TIMED_OUT") return "REBALANCE_IN_PROGRESS";
  return commitErrorFor(appendError);
}
