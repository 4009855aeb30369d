/** A cluster with __consumer_offsets, data written straight to leaders, and consumer groups with an in-memory history. */
import type { Cluster } from "../../src/cluster/cluster";
import { topicSpec, type ClusterSpec } from "../../src/cluster/clusterSpec";
import { DEFAULT_CONSUMER_CONFIG, type ConsumerConfig } from "../../src/config/consumerConfig";
import { ConsumerNode } from "../../src/consumer/consumerNode";
import type { ProcessingStrategy } from "../../src/consumer/consumerSettings";
import { consumerNodeId } from "../../src/scenario/nodeNames";
import { HistoryRecorder, MemorySink } from "../../src/history/recorder";
import type { AssignOrRevoke, CommitDone, HistoryOp, PollOk, Process, Resume } from "../../src/history/types";
import { msToMicros } from "../../src/kernel/time";
import { ConsumerSink } from "../../src/workload/consumerSink";
import { runFor, startCluster, values } from "../support/clusterFixture";
import { addScriptedClient } from "../support/scriptedClient";

/** Short timeouts so rebalances take seconds, not minutes (session.timeout.ms at the broker's minimum). */
export const FAST_CONSUMER: ConsumerConfig = {
  ...DEFAULT_CONSUMER_CONFIG,
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 1000,
  maxPollIntervalMs: 10000,
  autoOffsetReset: "earliest",
  maxPollRecords: 10,
  enableAutoCommit: false,
};

export function startGroupCluster(
  partitions: number,
  overrides: Partial<Omit<ClusterSpec, "topics">> = {},
): Cluster {
  return startCluster({
    withOffsetsTopic: true,
    offsetsTopicNumPartitions: 3,
    groupInitialRebalanceDelayMs: 0,
    topics: [topicSpec("orders", partitions, 3, { minInsyncReplicas: 2 })],
    ...overrides,
  });
}

export class History {
  readonly sink = new MemorySink();
  readonly recorder: HistoryRecorder;

  constructor(cluster: Cluster) {
    const sim = cluster.sim;
    this.recorder = new HistoryRecorder({ nowUs: () => sim.nowUs(), traceIndex: () => sim.trace.length }, [
      this.sink,
    ]);
  }

  get ops(): readonly HistoryOp[] {
    return this.sink.ops;
  }

  assigns(): AssignOrRevoke[] {
    return this.ops.filter((op): op is AssignOrRevoke => op.f === "assign");
  }

  revokes(): AssignOrRevoke[] {
    return this.ops.filter((op): op is AssignOrRevoke => op.f === "revoke");
  }

  processed(): Process[] {
    return this.ops.filter((op): op is Process => op.f === "process");
  }

  commits(): CommitDone[] {
    return this.ops.filter((op): op is CommitDone => op.f === "commit" && op.type !== "invoke");
  }

  resumes(): Resume[] {
    return this.ops.filter((op): op is Resume => op.f === "resume");
  }

  polls(): PollOk[] {
    return this.ops.filter((op): op is PollOk => op.f === "poll" && op.type === "ok");
  }

  /** How many times each value was processed (applied or not). */
  processCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const op of this.processed()) counts.set(op.record.value, (counts.get(op.record.value) ?? 0) + 1);
    return counts;
  }
}

export interface GroupOptions {
  readonly group: string;
  readonly instances: number;
  readonly strategy: ProcessingStrategy;
  readonly processingMs?: number;
  readonly config?: Partial<ConsumerConfig>;
  readonly stopAtMs?: number;
}

export interface ConsumerGroupHarness {
  readonly nodeIds: string[];
  readonly sink: ConsumerSink;
}

export function addConsumerGroup(
  cluster: Cluster,
  history: History,
  options: GroupOptions,
): ConsumerGroupHarness {
  const sink = new ConsumerSink(options.group, options.strategy === "idempotent-sink");
  const settings = {
    group: options.group,
    topics: ["orders"],
    strategy: options.strategy,
    processingMs: options.processingMs ?? 10,
    config: { ...FAST_CONSUMER, enableAutoCommit: options.strategy === "auto-commit", ...options.config },
    brokerIds: cluster.brokerIds,
    stopAtUs: msToMicros(options.stopAtMs ?? 1e9),
  };
  const nodeIds: string[] = [];
  for (let k = 0; k < options.instances; k++) {
    const nodeId = consumerNodeId(options.group, k);
    cluster.sim.addNode(nodeId, (ctx) => new ConsumerNode(ctx, settings, history.recorder, sink));
    cluster.sim.start(nodeId);
    nodeIds.push(nodeId);
  }
  return { nodeIds, sink };
}

/** Writes `count` values to every partition of "orders" through its leader (acks=all); returns them per partition. */
export function produceEverywhere(
  cluster: Cluster,
  partitions: number,
  count: number,
  prefix = "v",
): string[][] {
  const client = addScriptedClient(cluster.sim, `writer-${prefix}`);
  const written: string[][] = [];
  for (let p = 0; p < partitions; p++) {
    const batch = values(`${prefix}${p}`, 0, count);
    client().produce(cluster.leaderOf(`orders-${p}`)!, "orders", p, batch);
    written.push(batch);
  }
  runFor(cluster, 500);
  for (const response of client().produceResponses()) {
    if (response.partitions[0]?.error !== "NONE")
      throw new Error(`produce failed: ${JSON.stringify(response)}`);
  }
  return written;
}

/** The assignment of each generation: partition name → owners, from the history's assign ops. */
export function ownersByGeneration(history: History): Map<number, Map<string, string[]>> {
  const byGeneration = new Map<number, Map<string, string[]>>();
  for (const op of history.assigns()) {
    const owners = byGeneration.get(op.generation) ?? new Map<string, string[]>();
    for (const tp of op.partitions)
      owners.set(`${tp.topic}-${tp.partition}`, [
        ...(owners.get(`${tp.topic}-${tp.partition}`) ?? []),
        op.client,
      ]);
    byGeneration.set(op.generation, owners);
  }
  return byGeneration;
}
