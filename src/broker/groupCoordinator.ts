/**
 * The group coordinator inside a broker. A group belongs to the partition
 * `abs(hash(groupId)) % offsets.topic.num.partitions` of __consumer_offsets, and is coordinated by
 * that partition's leader: this broker serves the groups of the partitions it leads, loading them
 * from the partition's local log when it becomes leader and dropping them when it stops (members
 * then get NOT_COORDINATOR and look the coordinator up again). Everything it must remember —
 * committed offsets and each completed rebalance's group metadata — is appended to that partition
 * with acks=all, so it fails over with the partition.
 */
import type { Message, NodeContext } from "../kernel/node";
import type { ErrorName } from "../protocol/errors";
import type { ProducePartitionResult } from "../protocol/dataMessages";
import type {
  CoordinatedRequest,
  FindCoordinatorRequest,
  GroupRequest,
  GroupResponse,
  GroupTopicPartition,
  JoinGroupRequest,
} from "../protocol/groupMessages";
import { groupErrorResponse } from "../protocol/groupMessages";
import type { MetadataImage } from "../protocol/metadata";
import type { BrokerDisk } from "../storage/brokerDisk";
import type { KafkaRecord } from "../storage/recordBatch";
import type { GroupIo } from "./groupIo";
import { loadGroups } from "./groupLoader";
import { GroupMetadata } from "./groupMetadata";
import { GroupOffsets, storeGroupErrorFor } from "./groupOffsets";
import { partitionForGroup } from "./groupPartitioner";
import { GroupRebalancer } from "./groupRebalance";
import { groupMetadataRecord } from "./groupRecords";
import { GroupSessions } from "./groupSessions";
import type { Partition } from "./partition";

export interface GroupCoordinatorSettings {
  readonly offsetsTopic: string;
  readonly offsetsTopicNumPartitions: number;
  readonly groupInitialRebalanceDelayMs: number;
  readonly groupMinSessionTimeoutMs: number;
  readonly groupMaxSessionTimeoutMs: number;
  /** How long an OffsetCommit waits for its acks=all append (Kafka's offsets.commit.timeout.ms). */
  readonly offsetsCommitTimeoutMs: number;
}

/** What the coordinator may use of its broker. */
export interface CoordinatorHost {
  readonly ctx: NodeContext<BrokerDisk>;
  readonly brokerId: string;
  /** The local replica of a partition ("__consumer_offsets-7"), if this broker holds one. */
  partition(name: string): Partition | undefined;
  /** The broker's current metadata (to answer FindCoordinator). */
  metadata(): MetadataImage | undefined;
  appendInternal(
    topic: string,
    partition: number,
    records: readonly KafkaRecord[],
    timeoutMs: number,
    done: (result: ProducePartitionResult) => void,
  ): void;
}

/** The requests the broker hands to its coordinator. */
export const GROUP_MESSAGE_TYPES: ReadonlySet<string> = new Set<GroupRequest["type"]>([
  "FindCoordinatorRequest",
  "JoinGroupRequest",
  "SyncGroupRequest",
  "HeartbeatRequest",
  "LeaveGroupRequest",
  "OffsetCommitRequest",
  "OffsetFetchRequest",
]);

export class GroupCoordinator {
  /** Offsets-partition index → the groups loaded from it, for the partitions this broker leads. */
  private readonly loaded = new Map<number, Map<string, GroupMetadata>>();
  private readonly rebalancer: GroupRebalancer;
  private readonly sessions: GroupSessions;
  private readonly offsets: GroupOffsets;

  constructor(
    private readonly host: CoordinatorHost,
    private readonly settings: GroupCoordinatorSettings,
  ) {
    const io: GroupIo = {
      ctx: host.ctx,
      brokerId: host.brokerId,
      groupInitialRebalanceDelayMs: settings.groupInitialRebalanceDelayMs,
      groupMinSessionTimeoutMs: settings.groupMinSessionTimeoutMs,
      groupMaxSessionTimeoutMs: settings.groupMaxSessionTimeoutMs,
      respond: (to, response) => this.respond(to, response),
      storeGroup: (group, assignments, done) => this.storeGroup(group, assignments, done),
    };
    this.rebalancer = new GroupRebalancer(io, (group, member) => this.sessions.schedule(group, member));
    this.sessions = new GroupSessions(io, this.rebalancer);
    this.offsets = new GroupOffsets({
      respond: io.respond,
      append: (groupId, records, done) => this.append(groupId, records, (result) => done(result.error)),
      touch: (group, member) => this.sessions.schedule(group, member),
    });
  }

  /** A local partition became leader or follower: take over or give up its groups. */
  onRoleChange(partition: Partition): void {
    if (partition.topic !== this.settings.offsetsTopic) return;
    this.unload(partition.index);
    if (partition.role === "leader") this.load(partition);
  }

  onMessage(from: string, message: Message): void {
    const request = message as GroupRequest;
    if (request.type === "FindCoordinatorRequest") return this.findCoordinator(from, request);
    const groups = this.loaded.get(this.partitionOf(request.groupId));
    if (groups === undefined) return this.respond(from, groupErrorResponse(request, "NOT_COORDINATOR"));
    this.dispatch(groups, from, request);
  }

  private dispatch(groups: Map<string, GroupMetadata>, from: string, request: CoordinatedRequest): void {
    if (request.type === "OffsetCommitRequest") return this.offsets.commit(groups, from, request);
    if (request.type === "OffsetFetchRequest") return this.offsets.fetch(groups, from, request);
    if (request.type === "JoinGroupRequest") return this.join(groups, from, request);
    const group = groups.get(request.groupId);
    if (group === undefined) return this.respond(from, groupErrorResponse(request, "UNKNOWN_MEMBER_ID"));
    switch (request.type) {
      case "SyncGroupRequest":
        return this.rebalancer.sync(group, from, request);
      case "HeartbeatRequest":
        return this.sessions.heartbeat(group, from, request);
      case "LeaveGroupRequest":
        return this.sessions.leave(group, from, request);
    }
  }

  /** A first join (no member id) creates the group; a member id for a group unknown here is stale. */
  private join(groups: Map<string, GroupMetadata>, from: string, request: JoinGroupRequest): void {
    let group = groups.get(request.groupId);
    if (group === undefined) {
      if (request.memberId !== "")
        return this.respond(from, groupErrorResponse(request, "UNKNOWN_MEMBER_ID"));
      groups.set(request.groupId, (group = new GroupMetadata(request.groupId)));
    }
    this.rebalancer.join(group, from, request);
  }

  /** Any broker answers, from its own (maybe stale) metadata: the leader of the group's partition. */
  private findCoordinator(from: string, request: FindCoordinatorRequest): void {
    const index = this.partitionOf(request.groupId);
    const state = this.host
      .metadata()
      ?.partitions.find((p) => p.topic === this.settings.offsetsTopic && p.partition === index);
    const coordinator = state?.leader ?? null;
    const error: ErrorName = coordinator === null ? "COORDINATOR_NOT_AVAILABLE" : "NONE";
    this.respond(from, {
      type: "FindCoordinatorResponse",
      correlationId: request.correlationId,
      error,
      coordinator,
    });
  }

  private load(partition: Partition): void {
    const groups = loadGroups(partition.log.batches());
    for (const group of groups.values()) this.sessions.scheduleAll(group);
    this.loaded.set(partition.index, groups);
    this.host.ctx.trace("group-load", {
      partition: partition.name,
      groups: groups.size,
      logEndOffset: partition.logEndOffset,
    });
  }

  private unload(index: number): void {
    const groups = this.loaded.get(index);
    if (groups === undefined) return;
    this.loaded.delete(index);
    for (const group of groups.values()) {
      this.rebalancer.unload(group);
      this.sessions.unload(group);
    }
    this.host.ctx.trace("group-unload", {
      partition: `${this.settings.offsetsTopic}-${index}`,
      groups: groups.size,
    });
  }

  private storeGroup(
    group: GroupMetadata,
    assignments: ReadonlyMap<string, readonly GroupTopicPartition[]> | undefined,
    done: (error: ErrorName) => void,
  ): void {
    const record = groupMetadataRecord(group.groupId, group.toStored(assignments));
    this.append(group.groupId, [record], (result) => done(storeGroupErrorFor(result.error)));
  }

  private append(
    groupId: string,
    records: readonly KafkaRecord[],
    done: (result: ProducePartitionResult) => void,
  ): void {
    const { offsetsTopic, offsetsCommitTimeoutMs } = this.settings;
    this.host.appendInternal(offsetsTopic, this.partitionOf(groupId), records, offsetsCommitTimeoutMs, done);
  }

  private partitionOf(groupId: string): number {
    return partitionForGroup(groupId, this.settings.offsetsTopicNumPartitions);
  }

  private respond(to: string, response: GroupResponse): void {
    this.host.ctx.send(to, response);
  }
}
