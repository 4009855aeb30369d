/**
 * Builds a simulated cluster — controller and brokers, each with its durable disk — on a fresh
 * simulator, and gives the harness read-only views of it for checkers and reports.
 */
import { Broker } from "../broker/broker";
import type { BrokerSettings, TopicSettings } from "../broker/brokerSettings";
import { Controller, CONTROLLER_ID } from "../controller/controller";
import { ControllerDisk } from "../controller/controllerDisk";
import type { Message } from "../kernel/node";
import { Simulator } from "../kernel/simulator";
import { isClientClosedConnection } from "../protocol/clientClosedConnection";
import { connectionChannelOf } from "../protocol/connectionChannel";
import { BrokerDisk } from "../storage/brokerDisk";
import { brokerIds } from "../scenario/nodeNames";
import { OFFSETS_TOPIC, topicSpec, type ClusterSpec, type TopicSpec } from "./clusterSpec";
import { validateClusterSpec } from "./validateClusterSpec";

export class Cluster {
  readonly brokerIds: readonly string[];
  readonly controllerDisk = new ControllerDisk();
  readonly disks = new Map<string, BrokerDisk>();

  constructor(
    readonly sim: Simulator,
    readonly spec: ClusterSpec,
  ) {
    this.brokerIds = brokerIds(spec.brokers);
  }

  /** The live broker process, for harness inspection only (checkers, reports, tests). */
  broker(id: string): Broker | undefined {
    return this.sim.nodeOf(id) as Broker | undefined;
  }

  /** The partition's leader as the controller has it (harness view). */
  leaderOf(partitionName: string): string | null {
    return this.controllerDisk.partitions.get(partitionName)?.leader ?? null;
  }

  start(): void {
    this.sim.start(CONTROLLER_ID);
    for (const id of this.brokerIds) this.sim.start(id);
  }
}

export function buildCluster(spec: ClusterSpec, sim?: Simulator): Cluster {
  validateClusterSpec(spec);
  const simulator =
    sim ??
    new Simulator({
      seed: spec.seed,
      network: {
        link: spec.link,
        fifo: spec.fifo,
        channelOf: (message) => connectionChannelOf(message as Message),
        isClientClose: (message) => isClientClosedConnection(message as Message),
      },
      trace: { record: spec.recordTrace },
    });
  const cluster = new Cluster(simulator, spec);
  const allTopics = withInternalTopics(spec);
  const controllerConfig = {
    brokerIds: cluster.brokerIds,
    topics: allTopics,
    brokerSessionTimeoutMs: spec.brokerSessionTimeoutMs,
    // The legacy truncation mode re-creates Kafka before 0.11, which predates bounce detection too.
    fenceBouncedBrokers: spec.replicationTruncation !== "high-watermark",
  };
  simulator.addNode(CONTROLLER_ID, (ctx) => new Controller(ctx, controllerConfig), cluster.controllerDisk);
  const topics = new Map<string, TopicSettings>(
    allTopics.map((t) => [t.name, { minInsyncReplicas: t.minInsyncReplicas, log: t.log }]),
  );
  for (const brokerId of cluster.brokerIds) {
    const settings: BrokerSettings = {
      brokerId,
      controllerId: CONTROLLER_ID,
      brokerHeartbeatIntervalMs: spec.brokerHeartbeatIntervalMs,
      replicaLagTimeMaxMs: spec.replicaLagTimeMaxMs,
      replicaFetchWaitMaxMs: spec.replicaFetchWaitMaxMs,
      replicaFetchMaxBytes: spec.replicaFetchMaxBytes,
      replicaFetchBackoffMs: spec.replicaFetchBackoffMs,
      replicaSocketTimeoutMs: spec.replicaSocketTimeoutMs,
      highWatermarkCheckpointIntervalMs: spec.highWatermarkCheckpointIntervalMs,
      logRetentionCheckIntervalMs: spec.logRetentionCheckIntervalMs,
      logFlushSchedulerIntervalMs: spec.logFlushSchedulerIntervalMs,
      replicationTruncation: spec.replicationTruncation,
      topics,
      groups: {
        offsetsTopic: OFFSETS_TOPIC,
        offsetsTopicNumPartitions: spec.offsetsTopicNumPartitions,
        groupInitialRebalanceDelayMs: spec.groupInitialRebalanceDelayMs,
        groupMinSessionTimeoutMs: spec.groupMinSessionTimeoutMs,
        groupMaxSessionTimeoutMs: spec.groupMaxSessionTimeoutMs,
        offsetsCommitTimeoutMs: 5000,
      },
    };
    const disk = new BrokerDisk(spec.osDirtyExpireMs);
    cluster.disks.set(brokerId, disk);
    simulator.addNode(brokerId, (ctx) => new Broker(ctx, settings), disk);
  }
  return cluster;
}

/** The user's topics, plus __consumer_offsets when consumer groups need it (RF capped by the broker count, as Kafka does). */
function withInternalTopics(spec: ClusterSpec): TopicSpec[] {
  if (!spec.withOffsetsTopic) return [...spec.topics];
  const replicationFactor = Math.min(spec.offsetsTopicReplicationFactor, spec.brokers);
  const offsets = topicSpec(OFFSETS_TOPIC, spec.offsetsTopicNumPartitions, replicationFactor, {
    minInsyncReplicas: Math.min(spec.defaultMinInsyncReplicas, replicationFactor),
  });
  return [...spec.topics, offsets];
}
