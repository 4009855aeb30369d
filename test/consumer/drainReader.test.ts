import { describe, expect, it } from "vitest";
import type { Cluster } from "../../src/cluster/cluster";
import type { PollOk } from "../../src/history/types";
import { msToMicros } from "../../src/kernel/time";
import { DRAIN_NODE_ID, DrainReader } from "../../src/workload/drainReader";
import { GroupProgress } from "../../src/workload/groupProgress";
import { runFor } from "../support/clusterFixture";
import { addConsumerGroup, History, produceEverywhere, startGroupCluster } from "./consumerFixture";

function startDrain(cluster: Cluster, history: History, deadlineMs: number): () => DrainReader {
  const settings = {
    topics: ["orders"],
    brokerIds: cluster.brokerIds,
    deadlineUs: cluster.sim.nowUs() + msToMicros(deadlineMs),
    requestTimeoutMs: 5000,
    retryBackoffMs: 100,
    fetchMaxBytes: 1 << 20,
  };
  cluster.sim.addNode(DRAIN_NODE_ID, (ctx) => new DrainReader(ctx, settings, history.recorder));
  cluster.sim.start(DRAIN_NODE_ID);
  return () => cluster.sim.nodeOf(DRAIN_NODE_ID) as DrainReader;
}

function drained(history: History): string[] {
  return history.ops
    .filter((op): op is PollOk => op.f === "poll" && op.type === "ok" && op.drain)
    .flatMap((op) => op.records.map((r) => r.value));
}

describe("drain reader", () => {
  it("reads every partition to the end, through a leader failover, and says which partitions are complete", () => {
    const cluster = startGroupCluster(3);
    runFor(cluster, 1000);
    const written = produceEverywhere(cluster, 3, 25);
    cluster.sim.crash(cluster.leaderOf("orders-1")!);
    const history = new History(cluster);
    const drain = startDrain(cluster, history, 60_000);
    runFor(cluster, 30_000);
    expect(drain().converged).toBe(true);
    expect([...drain().drainComplete()].sort()).toEqual(["orders-0", "orders-1", "orders-2"]);
    expect(drain().endOffsets()).toEqual(
      [0, 1, 2].map((partition) => ({ topic: "orders", partition, offset: 25 })),
    );
    expect(drained(history).sort()).toEqual(written.flat().sort());
    const poll = history.polls()[0]!;
    expect(poll).toMatchObject({ client: DRAIN_NODE_ID, group: "drain", generation: -1, drain: true });
  });

  it("gives up at its deadline with the unreachable partitions incomplete", () => {
    const cluster = startGroupCluster(2);
    runFor(cluster, 1000);
    produceEverywhere(cluster, 2, 5);
    const sim = cluster.sim;
    const history = new History(cluster);
    const leader = cluster.leaderOf("orders-0")!;
    const drain = startDrain(cluster, history, 5000);
    sim.network.partition([[sim.indexOf(DRAIN_NODE_ID)], [sim.indexOf(leader)]]);
    runFor(cluster, 10_000);
    expect(drain().converged).toBe(false);
    expect(drain().drainComplete().has("orders-0")).toBe(false);
  });
});

describe("group progress", () => {
  it("a group reached the end when it processed (or committed) every partition up to the final end offset", () => {
    const cluster = startGroupCluster(2, { groupInitialRebalanceDelayMs: 0 });
    runFor(cluster, 1000);
    produceEverywhere(cluster, 2, 20);
    const history = new History(cluster);
    const progress = new GroupProgress();
    history.recorder.addSink(progress);
    addConsumerGroup(cluster, history, { group: "fast", instances: 1, strategy: "process-then-commit" });
    addConsumerGroup(cluster, history, {
      group: "late",
      instances: 1,
      strategy: "process-then-commit",
      stopAtMs: 1000,
    });
    runFor(cluster, 15_000);
    const drain = startDrain(cluster, history, 20_000);
    runFor(cluster, 5000);
    const groups = [
      { name: "fast", topics: ["orders"] },
      { name: "late", topics: ["orders"] },
    ];
    expect(progress.reachedEnd(groups, drain().endOffsets())).toEqual([
      { name: "fast", topics: ["orders"], reachedEnd: true },
      { name: "late", topics: ["orders"], reachedEnd: false },
    ]);
    expect(progress.progress("fast", "orders-1")).toBe(20);
  });
});
