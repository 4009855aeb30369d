/**
 * The scenario's clients as nodes of the simulation: producer applications, consumer group
 * members (each group with its sink), and the final drain reader — and what the harness asks of
 * them at the end (what the drain read, how far each group got).
 */
import type { Cluster } from "../cluster/cluster";
import type { GroupAtEnd } from "../checkers/historyChecker";
import { ConsumerNode } from "../consumer/consumerNode";
import type { HistoryRecorder } from "../history/recorder";
import type { Micros } from "../kernel/time";
import { consumerNodeId, producerNodeId } from "../scenario/nodeNames";
import type { Scenario } from "../scenario/scenario";
import { ConsumerSink } from "../workload/consumerSink";
import { DRAIN_NODE_ID, DrainReader } from "../workload/drainReader";
import { GroupProgress, type GroupSubscription } from "../workload/groupProgress";
import { ProducerApp, ProducerAppDisk } from "../workload/producerApp";

export interface Clients {
  start(): void;
  startDrain(): void;
  drainComplete(): ReadonlySet<string>;
  groupsAtEnd(): GroupAtEnd[];
  groupsBehind(): string[];
  /** Every live producer has a verdict for everything it sent. */
  settled(): boolean;
}

const DRAIN_REQUEST_TIMEOUT_MS = 5000;
const DRAIN_RETRY_BACKOFF_MS = 100;
const DRAIN_FETCH_MAX_BYTES = 1 << 20;

/**
 * The drain's complete partitions that are still complete now: its end offset reaches the current
 * leader's log end. A write that landed after the drain read past (a late retry) makes the
 * partition incomplete again — its record is then unseen, not lost. Judged from the harness side.
 */
function stillComplete(cluster: Cluster, drain: DrainReader | undefined): Set<string> {
  const complete = new Set<string>();
  if (drain === undefined) return complete;
  const ends = new Map(drain.endOffsets().map((end) => [`${end.topic}-${end.partition}`, end.offset]));
  for (const name of drain.drainComplete()) {
    const leader = cluster.leaderOf(name);
    const replica = leader === null ? undefined : cluster.broker(leader)?.replicas.partitions.get(name);
    if (replica !== undefined && (ends.get(name) ?? -1) >= replica.logEndOffset) complete.add(name);
  }
  return complete;
}

export function addClients(cluster: Cluster, scenario: Scenario, recorder: HistoryRecorder, drainAtUs: Micros, endUs: Micros): Clients {
  const sim = cluster.sim;
  const brokers = cluster.brokerIds;
  const producerIds: string[] = [];
  for (const producer of scenario.producers) {
    for (let instance = 0; instance < producer.instances; instance++) {
      const id = producerNodeId(producer.id, instance);
      const settings = { producerId: producer.id, instance, config: producer.config, brokers, workload: producer.workload, stopAtUs: drainAtUs };
      sim.addNode(id, (ctx) => new ProducerApp(ctx, settings, recorder), new ProducerAppDisk());
      producerIds.push(id);
    }
  }
  const consumerIds: string[] = [];
  for (const group of scenario.consumers) {
    const sink = new ConsumerSink(group.group, group.strategy === "idempotent-sink");
    for (let instance = 0; instance < group.instances; instance++) {
      const id = consumerNodeId(group.group, instance);
      const settings = {
        group: group.group,
        topics: group.topics,
        strategy: group.strategy,
        processingMs: group.processingMs,
        config: group.config,
        brokerIds: brokers,
        stopAtUs: endUs,
      };
      sim.addNode(id, (ctx) => new ConsumerNode(ctx, settings, recorder, sink));
      consumerIds.push(id);
    }
  }
  const progress = new GroupProgress();
  recorder.addSink(progress);
  const subscriptions: GroupSubscription[] = scenario.consumers.map((group) => ({ name: group.group, topics: group.topics }));
  const drainSettings = {
    topics: scenario.topics.map((topic) => topic.name),
    brokerIds: brokers,
    deadlineUs: endUs,
    requestTimeoutMs: DRAIN_REQUEST_TIMEOUT_MS,
    retryBackoffMs: DRAIN_RETRY_BACKOFF_MS,
    fetchMaxBytes: DRAIN_FETCH_MAX_BYTES,
  };
  sim.addNode(DRAIN_NODE_ID, (ctx) => new DrainReader(ctx, drainSettings, recorder));
  const drain = (): DrainReader | undefined => sim.nodeOf(DRAIN_NODE_ID) as DrainReader | undefined;
  const groupsAtEnd = (): GroupAtEnd[] => progress.reachedEnd(subscriptions, drain()?.endOffsets() ?? []);
  return {
    start() {
      for (const id of [...producerIds, ...consumerIds]) sim.start(id);
    },
    startDrain() {
      sim.start(DRAIN_NODE_ID);
    },
    drainComplete: () => stillComplete(cluster, drain()),
    groupsAtEnd,
    groupsBehind: () => (drain()?.converged ? groupsAtEnd().filter((g) => !g.reachedEnd).map((g) => g.name) : subscriptions.map((g) => g.name)),
    settled: () => producerIds.every((id) => !sim.isUp(id) || (sim.nodeOf(id) as ProducerApp).client.pending === 0),
  };
}
