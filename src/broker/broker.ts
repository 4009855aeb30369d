/**
 * A broker: partition replicas (leader or follower), the produce/fetch data path, replication,
 * and its link to the controller. Everything it learns arrives as a message; everything it tells
 * another node leaves as one.
 */
import type { ConnectionClosed, Message, NodeContext, SimNode } from "../kernel/node";
import { repeatEvery } from "../kernel/repeatEvery";
import { isClientClosedConnection } from "../protocol/clientClosedConnection";
import { closedChannel } from "../protocol/connectionChannel";
import type { ControllerMessage } from "../protocol/controllerMessages";
import type {
  DataMessage,
  InitProducerIdRequest,
  InitProducerIdResponse,
  MetadataRequest,
  MetadataResponse,
} from "../protocol/dataMessages";

const PRODUCER_ID_BLOCK_SIZE = 1_000_000;
/** Kafka's LogManager starts its periodic log tasks (retention among them) this long after startup (log.initial.task.delay.ms). */
const LOG_INITIAL_TASK_DELAY_MS = 30_000;
import type { MetadataImage } from "../protocol/metadata";
import type { BrokerDisk } from "../storage/brokerDisk";
import type { BrokerSettings } from "./brokerSettings";
import { ControllerChannel } from "./controllerChannel";
import { GROUP_MESSAGE_TYPES, GroupCoordinator } from "./groupCoordinator";
import { ReplicaFetcher } from "./replicaFetcher";
import { ReplicaManager } from "./replicaManager";
import { isClientRequest, RequestChannels } from "./requestChannels";

export class Broker implements SimNode {
  readonly replicas: ReplicaManager;
  private readonly fetcher: ReplicaFetcher;
  private readonly controller: ControllerChannel;
  private readonly coordinator: GroupCoordinator;
  private metadata: MetadataImage | undefined;
  private nextProducerIdInBlock = 0;

  private readonly ctx: NodeContext<BrokerDisk>;
  private readonly channels: RequestChannels;

  constructor(
    nodeContext: NodeContext<BrokerDisk>,
    private readonly settings: BrokerSettings,
  ) {
    // Every part of the broker sends through this: a response leaving unmutes its connection.
    const ctx: NodeContext<BrokerDisk> = {
      ...nodeContext,
      send: (to, message) => {
        nodeContext.send(to, message);
        this.channels.sent(to, message);
      },
    };
    this.ctx = ctx;
    this.channels = new RequestChannels(
      (from, request) => this.dispatch(from, request),
      (read) => nodeContext.setTimer(0, read),
    );
    this.controller = new ControllerChannel(
      ctx,
      settings,
      (image) => this.applyMetadata(image),
      () => this.metadata?.version ?? -1,
    );
    this.replicas = new ReplicaManager(ctx, settings, {
      brokerEpoch: () => this.controller.brokerEpoch,
      sendAlterPartition: (request) => this.controller.sendAlterPartition(request),
      followerChanged: (name, leader) => this.fetcher.follow(name, leader),
      roleChanged: (partition) => this.coordinator.onRoleChange(partition),
    });
    this.fetcher = new ReplicaFetcher(ctx, settings, this.replicas, () => this.controller.brokerEpoch);
    this.coordinator = new GroupCoordinator(
      {
        ctx,
        brokerId: settings.brokerId,
        partition: (name) => this.replicas.partitions.get(name),
        metadata: () => this.metadata,
        appendInternal: (topic, partition, records, timeoutMs, done) =>
          this.replicas.appendInternal(topic, partition, records, timeoutMs, done),
      },
      settings.groups,
    );
  }

  get id(): string {
    return this.settings.brokerId;
  }

  /** The metadata this broker has applied (for harness inspection). */
  get metadataImage(): MetadataImage | undefined {
    return this.metadata;
  }

  start(): void {
    this.replicas.loadFromDisk();
    this.controller.register();
    this.every(this.settings.replicaLagTimeMaxMs / 2, () => this.replicas.shrinkIsrs());
    this.every(this.settings.highWatermarkCheckpointIntervalMs, () => this.replicas.checkpointHighWatermarks());
    this.ctx.setTimer(LOG_INITIAL_TASK_DELAY_MS, () => {
      this.replicas.enforceRetention();
      this.every(this.settings.logRetentionCheckIntervalMs, () => this.replicas.enforceRetention());
    });
    // The log flusher is a task of this process: it stops when the process dies, and a restarted
    // broker's first look comes 30 s after it starts again.
    const flushIntervalMs = this.settings.logFlushSchedulerIntervalMs;
    if (flushIntervalMs !== null) {
      this.ctx.setTimer(LOG_INITIAL_TASK_DELAY_MS, () => {
        this.replicas.flushDirtyLogs();
        this.every(flushIntervalMs, () => this.replicas.flushDirtyLogs());
      });
    }
  }

  onMessage(from: string, message: Message, fromIncarnation: number): void {
    if (message.type === "ConnectionClosed") {
      const notice = message as ConnectionClosed;
      this.channels.closed(from, notice);
      // This broker's fetcher is a client of `from` on the data channel only.
      if (closedChannel(notice) !== "coordinator") this.fetcher.onDisconnect(from);
      return;
    }
    if (isClientClosedConnection(message)) {
      this.channels.closedByClient(from, fromIncarnation, message.channel);
      return;
    }
    if (isClientRequest(message)) this.channels.receive(from, fromIncarnation, message);
    else this.dispatch(from, message);
  }

  private dispatch(from: string, message: Message): void {
    if (GROUP_MESSAGE_TYPES.has(message.type)) {
      this.coordinator.onMessage(from, message);
      return;
    }
    const request = message as ControllerMessage | DataMessage;
    switch (request.type) {
      case "BrokerRegistrationResponse":
        return this.controller.onRegistrationResponse(request);
      case "BrokerHeartbeatResponse":
        return this.controller.onHeartbeatResponse(request);
      case "MetadataUpdate":
        return this.applyMetadata(request.metadata);
      case "AlterPartitionResponse":
        return this.replicas.onAlterPartitionResponse(request);
      case "ProduceRequest":
        return this.replicas.handleProduce(from, request);
      case "FetchRequest":
        return this.replicas.handleFetch(from, request);
      case "FetchResponse":
        return this.fetcher.onFetchResponse(from, request);
      case "ListOffsetsRequest":
        return this.replicas.handleListOffsets(from, request);
      case "OffsetsForLeaderEpochRequest":
        return this.replicas.handleOffsetsForLeaderEpoch(from, request);
      case "MetadataRequest":
        return this.handleMetadataRequest(from, request);
      case "InitProducerIdRequest":
        return this.handleInitProducerId(from, request);
      default:
        return; // not for a broker
    }
  }

  private applyMetadata(image: MetadataImage): void {
    if (this.controller.brokerEpoch < 0) return; // not registered yet: the registration answer carries it
    if (this.metadata !== undefined && image.version <= this.metadata.version) return;
    this.metadata = image;
    this.replicas.applyMetadata(image);
  }

  /** Clients learn leaders from whichever broker they ask, as of that broker's (maybe stale) metadata. */
  private handleMetadataRequest(from: string, request: MetadataRequest): void {
    const image = this.metadata;
    const wanted = request.topics.length > 0 ? request.topics : (image?.topics.map((t) => t.name) ?? []);
    const topics = wanted.map((name) => {
      const partitions = (image?.partitions ?? [])
        .filter((p) => p.topic === name)
        .map((p) => ({
          topic: p.topic,
          partition: p.partition,
          error: p.leader === null ? ("LEADER_NOT_AVAILABLE" as const) : ("NONE" as const),
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          replicas: p.replicas,
          isr: p.isr,
        }));
      const error = partitions.length > 0 ? ("NONE" as const) : ("UNKNOWN_TOPIC_OR_PARTITION" as const);
      return { name, error, partitions };
    });
    const response: MetadataResponse = {
      type: "MetadataResponse",
      correlationId: request.correlationId,
      brokers: image?.liveBrokers ?? [],
      topics,
    };
    this.ctx.send(from, response);
  }

  /**
   * Producer ids must be unique in the cluster. Kafka hands brokers blocks of ids from the
   * controller; here the block is keyed by the broker epoch, which the controller makes unique
   * per registration.
   */
  private handleInitProducerId(from: string, request: InitProducerIdRequest): void {
    const brokerEpoch = this.controller.brokerEpoch;
    const ready = brokerEpoch >= 0 && this.nextProducerIdInBlock < PRODUCER_ID_BLOCK_SIZE;
    const response: InitProducerIdResponse = {
      type: "InitProducerIdResponse",
      correlationId: request.correlationId,
      error: ready ? "NONE" : "COORDINATOR_NOT_AVAILABLE",
      producerId: ready ? brokerEpoch * PRODUCER_ID_BLOCK_SIZE + this.nextProducerIdInBlock++ : -1,
      producerEpoch: 0,
    };
    this.ctx.send(from, response);
  }

  private every(intervalMs: number, task: () => void): void {
    repeatEvery(this.ctx, intervalMs, task);
  }
}
