/** A cluster with producer apps and an in-memory history, for client tests. */
import { DEFAULT_PRODUCER_CONFIG, type ProducerConfig } from "../../src/config/producerConfig";
import type { Cluster } from "../../src/cluster/cluster";
import { runFor, startCluster } from "./clusterFixture";
import { HistoryRecorder, MemorySink } from "../../src/history/recorder";
import type { SendOk } from "../../src/history/types";
import { msToMicros } from "../../src/kernel/time";
import { producerNodeId } from "../../src/scenario/nodeNames";
import { ProducerApp, ProducerAppDisk, type ProducerWorkload } from "../../src/workload/producerApp";

export interface ProducerHarness {
  readonly history: MemorySink;
  readonly recorder: HistoryRecorder;
  readonly nodeId: string;
  app(): ProducerApp;
}

export function addProducer(
  cluster: Cluster,
  config: Partial<ProducerConfig>,
  workload: ProducerWorkload,
  options: { producerId?: string; stopAtMs?: number; history?: { recorder: HistoryRecorder; sink: MemorySink } } = {},
): ProducerHarness {
  const sim = cluster.sim;
  const sink = options.history?.sink ?? new MemorySink();
  const recorder =
    options.history?.recorder ?? new HistoryRecorder({ nowUs: () => sim.nowUs(), traceIndex: () => sim.trace.length }, [sink]);
  const producerId = options.producerId ?? "p1";
  const nodeId = producerNodeId(producerId, 0);
  const settings = {
    producerId,
    instance: 0,
    config: { ...DEFAULT_PRODUCER_CONFIG, ...config },
    brokers: cluster.brokerIds,
    workload,
    stopAtUs: msToMicros(options.stopAtMs ?? 1e9),
  };
  sim.addNode(nodeId, (ctx) => new ProducerApp(ctx, settings, recorder), new ProducerAppDisk());
  sim.start(nodeId);
  return { history: sink, recorder, nodeId, app: () => sim.nodeOf(nodeId) as ProducerApp };
}

export function acked(history: MemorySink): SendOk[] {
  return history.ops.filter((op): op is SendOk => op.f === "send" && op.type === "ok");
}

export function outcomes(history: MemorySink): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const op of history.ops) if (op.f === "send" && op.type !== "invoke") counts[op.type] = (counts[op.type] ?? 0) + 1;
  return counts;
}

/** Five requests in flight, each sent at once, timed out after a second and retried 10 ms later. */
export const QUICK_RETRIES: Partial<ProducerConfig> = { maxInFlightRequestsPerConnection: 5, requestTimeoutMs: 1000, lingerMs: 0, retryBackoffMs: 10 };

/**
 * The default three-broker cluster (one partition of "orders", min ISR 2) with a producer that
 * sends only what the test tells it to, once it has had time to learn the leader.
 */
export function idleProducerOnOnePartition(config: Partial<ProducerConfig>): { cluster: Cluster; producer: ProducerHarness; leader: string } {
  const cluster = startCluster();
  runFor(cluster, 500);
  const producer = addProducer(cluster, config, { topic: "orders", messages: 0, ratePerSec: 1, keys: 0 });
  runFor(cluster, 1000);
  return { cluster, producer, leader: cluster.leaderOf("orders-0")! };
}
