/**
 * The controller: the metadata quorum as one logical node. It registers brokers (each
 * registration a new, higher broker epoch), fences brokers whose heartbeats stop, elects leaders,
 * takes AlterPartition proposals from leaders, and publishes metadata to brokers over the network.
 *
 * A fast restart is noticed: the old incarnation is fenced when the new one registers (see
 * `fenceBouncedBrokers`).
 */
import type { Message, NodeContext, SimNode, TimerHandle } from "../kernel/node";
import { msToMicros, type Micros } from "../kernel/time";
import type {
  AlterPartitionRequest,
  AlterPartitionResponse,
  BrokerHeartbeatRequest,
  BrokerHeartbeatResponse,
  BrokerRegistrationRequest,
  BrokerRegistrationResponse,
  ControllerMessage,
  MetadataUpdate,
} from "../protocol/controllerMessages";
import type { ErrorName } from "../protocol/errors";
import { partitionKey, type MetadataImage, type PartitionState } from "../protocol/metadata";
import type { ControllerDisk } from "./controllerDisk";
import { electLeader, fenceReplica, withNewIsr, withoutUncleanReplica, type ElectionRules } from "./partitionChanges";
import { assignReplicas } from "./replicaAssignment";

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly uncleanLeaderElectionEnable: boolean;
  readonly minInsyncReplicas: number;
}

export interface ControllerConfig {
  readonly brokerIds: readonly string[];
  readonly topics: readonly TopicSpec[];
  readonly brokerSessionTimeoutMs: number;
  /**
   * A broker that registers again with a new incarnation while its old one still looks alive has
   * bounced: its old incarnation is fenced first — out of every ISR, its leaderships moved —
   * before the new one joins (KIP-380; KRaft's incarnation ids). Off re-creates the older
   * behaviour, where a fast restart went unnoticed.
   */
  readonly fenceBouncedBrokers: boolean;
}

export const CONTROLLER_ID = "controller";

/** How often sessions are checked for expiry. */
const SESSION_CHECK_INTERVAL_MS = 250;

export class Controller implements SimNode {
  private readonly sessionDeadlineUs = new Map<string, Micros>();
  private image: MetadataImage | undefined;
  private sessionTimer: TimerHandle | undefined;

  constructor(
    private readonly ctx: NodeContext<ControllerDisk>,
    private readonly config: ControllerConfig,
  ) {}

  private get disk(): ControllerDisk {
    return this.ctx.disk;
  }

  start(): void {
    if (!this.disk.created) this.createCluster();
    // A new active controller gives every broker a fresh session.
    const deadlineUs = this.ctx.now() + msToMicros(this.config.brokerSessionTimeoutMs);
    for (const brokerId of this.config.brokerIds) this.sessionDeadlineUs.set(brokerId, deadlineUs);
    this.image = undefined;
    this.scheduleSessionCheck();
    this.publish();
  }

  onMessage(from: string, message: Message): void {
    const request = message as ControllerMessage;
    switch (request.type) {
      case "BrokerRegistrationRequest":
        return this.onRegistration(from, request);
      case "BrokerHeartbeatRequest":
        return this.onHeartbeat(from, request);
      case "AlterPartitionRequest":
        return this.onAlterPartition(from, request);
      default:
        return; // not a controller request: ignore
    }
  }

  /** The metadata image as of now (built lazily, reused until the next change). */
  metadataImage(): MetadataImage {
    if (this.image === undefined) {
      const disk = this.disk;
      this.image = {
        version: disk.metadataVersion,
        topics: disk.topics,
        partitions: [...disk.partitions.values()],
        liveBrokers: this.config.brokerIds.filter((id) => this.isLive(id)),
      };
    }
    return this.image;
  }

  private createCluster(): void {
    const disk = this.disk;
    const brokerIds = this.config.brokerIds;
    for (const brokerId of brokerIds) {
      disk.brokers.set(brokerId, { brokerId, brokerEpoch: -1, incarnation: -1, fenced: false });
    }
    for (const topic of this.config.topics) {
      disk.topics.push({ name: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor });
      const start = this.ctx.rng.int(0, brokerIds.length - 1);
      const assignment = assignReplicas(brokerIds, topic.partitions, topic.replicationFactor, start);
      assignment.forEach((replicas, partition) => {
        const state: PartitionState = {
          topic: topic.name,
          partition,
          leader: replicas[0]!,
          leaderEpoch: 0,
          partitionEpoch: 0,
          isr: replicas,
          elr: [],
          replicas,
        };
        disk.partitions.set(partitionKey(topic.name, partition), state);
      });
    }
    disk.created = true;
    disk.metadataVersion = 1;
    this.ctx.trace("cluster-created", { topics: disk.topics.length, partitions: disk.partitions.size });
  }

  private onRegistration(from: string, request: BrokerRegistrationRequest): void {
    const disk = this.disk;
    const previous = disk.brokers.get(request.brokerId);
    if (previous === undefined) return; // not a broker of this cluster
    const bounced = previous.brokerEpoch >= 0 && !previous.fenced && previous.incarnation !== request.incarnation;
    if (bounced && this.config.fenceBouncedBrokers) {
      disk.brokers.set(request.brokerId, { ...previous, fenced: true });
      this.ctx.trace("broker-fenced", { broker: request.brokerId, brokerEpoch: previous.brokerEpoch, reason: "bounced" });
      this.fenceBroker(request.brokerId);
    }
    if (previous.brokerEpoch >= 0 && previous.incarnation !== request.incarnation) this.forgetEligibility(request.brokerId);
    const brokerEpoch = disk.nextBrokerEpoch++;
    disk.brokers.set(request.brokerId, {
      brokerId: request.brokerId,
      brokerEpoch,
      incarnation: request.incarnation,
      fenced: false,
    });
    this.touchSession(request.brokerId);
    this.ctx.trace("broker-registered", { broker: request.brokerId, brokerEpoch });
    this.onBrokerLive(request.brokerId);
    this.commitChange();
    const response: BrokerRegistrationResponse = {
      type: "BrokerRegistrationResponse",
      incarnation: request.incarnation,
      brokerEpoch,
      metadata: this.metadataImage(),
    };
    this.ctx.send(from, response);
  }

  private onHeartbeat(from: string, request: BrokerHeartbeatRequest): void {
    const registration = this.disk.brokers.get(request.brokerId);
    if (registration === undefined || registration.brokerEpoch !== request.brokerEpoch) {
      this.replyHeartbeat(from, "STALE_BROKER_EPOCH", true);
      return;
    }
    this.touchSession(request.brokerId);
    if (registration.fenced) {
      this.disk.brokers.set(request.brokerId, { ...registration, fenced: false });
      this.ctx.trace("broker-unfenced", { broker: request.brokerId, brokerEpoch: request.brokerEpoch });
      this.onBrokerLive(request.brokerId);
      this.commitChange();
    }
    const behind = request.metadataVersion < this.disk.metadataVersion;
    this.replyHeartbeat(from, "NONE", false, behind ? this.metadataImage() : undefined);
  }

  private replyHeartbeat(to: string, error: ErrorName, fenced: boolean, metadata?: MetadataImage): void {
    const response: BrokerHeartbeatResponse = { type: "BrokerHeartbeatResponse", error, fenced, metadata };
    this.ctx.send(to, response);
  }

  private onAlterPartition(from: string, request: AlterPartitionRequest): void {
    const key = partitionKey(request.topic, request.partition);
    const state = this.disk.partitions.get(key);
    const error = this.validateAlterPartition(request, state);
    let result = state;
    if (error === "NONE" && state !== undefined) {
      result = withNewIsr(state, request.newIsr, this.topicSpec(state.topic)?.minInsyncReplicas ?? 1);
      this.disk.partitions.set(key, result);
      this.ctx.trace("isr-change", {
        partition: key,
        isr: result.isr.join(","),
        partitionEpoch: result.partitionEpoch,
      });
      this.commitChange();
    }
    const response: AlterPartitionResponse = {
      type: "AlterPartitionResponse",
      topic: request.topic,
      partition: request.partition,
      error,
      state: result,
    };
    this.ctx.send(from, response);
  }

  private validateAlterPartition(request: AlterPartitionRequest, state: PartitionState | undefined): ErrorName {
    const registration = this.disk.brokers.get(request.brokerId);
    if (registration === undefined || registration.brokerEpoch !== request.brokerEpoch) return "STALE_BROKER_EPOCH";
    if (state === undefined) return "UNKNOWN_TOPIC_OR_PARTITION";
    if (state.leader !== request.brokerId) return "NOT_LEADER_OR_FOLLOWER";
    if (request.leaderEpoch !== state.leaderEpoch) return "FENCED_LEADER_EPOCH";
    if (request.partitionEpoch !== state.partitionEpoch) return "INVALID_UPDATE_VERSION";
    if (!request.newIsr.includes(request.brokerId)) return "INVALID_UPDATE_VERSION";
    const added = request.newIsr.filter((id) => !state.isr.includes(id));
    const eligible = (id: string): boolean =>
      this.isLive(id) &&
      state.replicas.includes(id) &&
      request.newIsrBrokerEpochs[id] === this.disk.brokers.get(id)?.brokerEpoch;
    if (!added.every(eligible)) return "INELIGIBLE_REPLICA";
    return "NONE";
  }

  private scheduleSessionCheck(): void {
    this.ctx.cancelTimer(this.sessionTimer);
    this.sessionTimer = this.ctx.setTimer(SESSION_CHECK_INTERVAL_MS, () => {
      this.expireSessions();
      this.scheduleSessionCheck();
    });
  }

  private expireSessions(): void {
    const nowUs = this.ctx.now();
    let changed = false;
    for (const brokerId of this.config.brokerIds) {
      const registration = this.disk.brokers.get(brokerId)!;
      if (registration.fenced || nowUs < this.sessionDeadlineUs.get(brokerId)!) continue;
      this.disk.brokers.set(brokerId, { ...registration, fenced: true });
      this.ctx.trace("broker-fenced", { broker: brokerId, brokerEpoch: registration.brokerEpoch });
      this.fenceBroker(brokerId);
      changed = true;
    }
    if (changed) this.commitChange();
  }

  private fenceBroker(brokerId: string): void {
    for (const [key, state] of this.disk.partitions) {
      const next = fenceReplica(state, brokerId, this.electionRules(state.topic));
      if (next !== state) this.applyPartitionChange(key, state, next);
    }
  }

  /** A broker restarted after a crash: it is no longer an eligible leader anywhere. */
  private forgetEligibility(brokerId: string): void {
    for (const [key, state] of this.disk.partitions) {
      const next = withoutUncleanReplica(state, brokerId);
      if (next !== state) {
        this.disk.partitions.set(key, next);
        this.ctx.trace("elr-change", { partition: key, elr: next.elr.join(","), partitionEpoch: next.partitionEpoch, reason: "unclean shutdown" });
      }
    }
  }

  /** A broker (re)joined: offline partitions it can lead get a leader. */
  private onBrokerLive(brokerId: string): void {
    for (const [key, state] of this.disk.partitions) {
      if (state.leader !== null || !state.replicas.includes(brokerId)) continue;
      const next = electLeader(state, this.electionRules(state.topic));
      if (next !== state) this.applyPartitionChange(key, state, next);
    }
  }

  private applyPartitionChange(key: string, before: PartitionState, after: PartitionState): void {
    this.disk.partitions.set(key, after);
    if (after.leader !== before.leader || after.leaderEpoch !== before.leaderEpoch) {
      const unclean = after.leader !== null && !before.isr.includes(after.leader);
      this.ctx.trace("leader-change", {
        partition: key,
        leader: after.leader ?? "none",
        leaderEpoch: after.leaderEpoch,
        partitionEpoch: after.partitionEpoch,
        isr: after.isr.join(","),
        unclean,
      });
    } else {
      this.ctx.trace("isr-change", { partition: key, isr: after.isr.join(","), partitionEpoch: after.partitionEpoch });
    }
  }

  private electionRules(topic: string): ElectionRules {
    const spec = this.topicSpec(topic);
    return {
      isLive: (id) => this.isLive(id),
      uncleanLeaderElectionEnable: spec?.uncleanLeaderElectionEnable ?? false,
      minInsyncReplicas: spec?.minInsyncReplicas ?? 1,
    };
  }

  private topicSpec(topic: string): TopicSpec | undefined {
    return this.config.topics.find((t) => t.name === topic);
  }

  private isLive(brokerId: string): boolean {
    const registration = this.disk.brokers.get(brokerId);
    return registration !== undefined && !registration.fenced;
  }

  private touchSession(brokerId: string): void {
    this.sessionDeadlineUs.set(brokerId, this.ctx.now() + msToMicros(this.config.brokerSessionTimeoutMs));
  }

  /** A metadata change is durable at once (fsynced log); brokers hear of it by push and heartbeat. */
  private commitChange(): void {
    this.disk.metadataVersion++;
    this.image = undefined;
    this.publish();
  }

  private publish(): void {
    const update: MetadataUpdate = { type: "MetadataUpdate", metadata: this.metadataImage() };
    for (const brokerId of this.config.brokerIds) this.ctx.send(brokerId, update);
  }
}
