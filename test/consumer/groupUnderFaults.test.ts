import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import type { Cluster } from "../../src/cluster/cluster";
import type { ProcessingStrategy } from "../../src/consumer/consumerSettings";
import { Rng } from "../../src/kernel/rng";
import { msToMicros } from "../../src/kernel/time";
import { DRAIN_NODE_ID, DrainReader } from "../../src/workload/drainReader";
import { GroupProgress } from "../../src/workload/groupProgress";
import { runFor, values } from "../support/clusterFixture";
import { addScriptedClient } from "../support/scriptedClient";
import { addConsumerGroup, History, startGroupCluster } from "./consumerFixture";

const PARTITIONS = 4;
const CHAOS_MS = 50_000;

/**
 * A write to every partition's leader every 500 ms for the whole chaos phase. acks=1: the writer
 * pipelines without limit, and with acks=all a leader whose followers are down would hold a
 * request timeout's worth of them on one connection, where a real producer stops at five.
 */
function writeSteadily(cluster: Cluster): void {
  const sim = cluster.sim;
  const writer = addScriptedClient(sim, "writer");
  let sequence = 0;
  for (let atMs = 0; atMs < CHAOS_MS; atMs += 500) {
    sim.after(atMs, () => {
      for (let p = 0; p < PARTITIONS; p++) {
        const leader = cluster.leaderOf(`orders-${p}`);
        if (leader !== null) writer().produce(leader, "orders", p, values(`w${p}`, sequence++, 1), 1);
      }
    });
  }
}

/** Kills and pauses of brokers and consumers, each undone within 15 s, drawn from `seed`. */
function scheduleFaults(cluster: Cluster, nodes: readonly string[], seed: string): void {
  const sim = cluster.sim;
  const rng = new Rng(seed);
  for (let atMs = 2000; atMs < CHAOS_MS - 15_000; atMs += rng.int(2000, 8000)) {
    const victim = rng.pick(nodes);
    const pause = rng.chance(0.5);
    const forMs = rng.int(1000, 15_000);
    sim.after(atMs, () => {
      if (!sim.isUp(victim) || sim.isPaused(victim)) return;
      if (pause) sim.pause(victim);
      else sim.crash(victim);
      sim.after(forMs, () => (pause ? sim.resume(victim) : sim.restart(victim)));
    });
  }
}

function startDrain(cluster: Cluster, history: History): () => DrainReader {
  const sim = cluster.sim;
  const settings = {
    topics: ["orders"],
    brokerIds: cluster.brokerIds,
    deadlineUs: sim.nowUs() + msToMicros(60_000),
    requestTimeoutMs: 5000,
    retryBackoffMs: 100,
    fetchMaxBytes: 1 << 20,
  };
  sim.addNode(DRAIN_NODE_ID, (ctx) => new DrainReader(ctx, settings, history.recorder));
  sim.start(DRAIN_NODE_ID);
  return () => sim.nodeOf(DRAIN_NODE_ID) as DrainReader;
}

describe("a consumer group under broker and consumer kills and pauses", () => {
  const strategies: ProcessingStrategy[] = [
    "process-then-commit",
    "commit-then-process",
    "auto-commit",
    "idempotent-sink",
  ];
  for (const strategy of strategies) {
    it(`${strategy}: reads to the end after the heal, with no rewinds, skips or lost commits`, () => {
      const cluster = startGroupCluster(PARTITIONS, {
        seed: `faults-${strategy}`,
        groupInitialRebalanceDelayMs: 1000,
      });
      runFor(cluster, 1000);
      const history = new History(cluster);
      const progress = new GroupProgress();
      history.recorder.addSink(progress);
      const config = { requestTimeoutMs: 5000, autoCommitIntervalMs: 1000 };
      const { nodeIds } = addConsumerGroup(cluster, history, {
        group: "g",
        instances: 3,
        strategy,
        processingMs: 20,
        config,
      });
      writeSteadily(cluster);
      scheduleFaults(cluster, [...cluster.brokerIds, ...nodeIds], `faults-${strategy}`);
      runFor(cluster, CHAOS_MS + 40_000); // chaos, then every fault undone and time to converge
      const drain = startDrain(cluster, history);
      runFor(cluster, 20_000);

      expect(drain().converged).toBe(true);
      const groups = progress.reachedEnd([{ name: "g", topics: ["orders"] }], drain().endOffsets());
      expect(groups[0]!.reachedEnd).toBe(true);
      const checks = ["nonmonotonic-poll", "poll-skip", "lost-commit", "inconsistent-offsets"] as const;
      const context = { groups, drainComplete: drain().drainComplete(), truncations: [] };
      expect(checkHistory(history.ops, [...checks], context)).toEqual([]);
      if (strategy === "idempotent-sink") {
        expect(
          checkHistory(history.ops, ["duplicate"], { ...context, scopes: { duplicate: ["sink"] } }),
        ).toEqual([]);
      }
    });
  }
});
