import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { ReplicaMonitor } from "../../src/checkers/replica/replicaMonitor";
import { DEFAULT_LOG_CONFIG } from "../../src/storage/partitionLog";
import type { Cluster } from "../../src/cluster/cluster";
import { addScriptedClient, type ScriptedClient } from "../support/scriptedClient";
import { logValues, runFor, startCluster, values } from "../support/clusterFixture";

/**
 * Catalog #1 (KIP-101): B leads, A follows. B acks m as soon as A has fetched it; A restarts before
 * its next fetch tells it the new HW; B crashes; A is elected.
 */
function kip101Schedule(truncation: "leader-epoch" | "high-watermark") {
  const cluster = startCluster({
    replicationTruncation: truncation,
    link: { latencyMinMs: 1, latencyMaxMs: 1, loss: 0, duplicate: 0 },
    topics: [topicSpec("orders", 1, 2, { minInsyncReplicas: 1 })],
  });
  const monitor = new ReplicaMonitor(cluster);
  const client = addScriptedClient(cluster.sim, "client");
  runFor(cluster, 1000);
  const state = cluster.controllerDisk.partitions.get("orders-0")!;
  const leaderB = state.leader!;
  const followerA = state.replicas.find((id) => id !== leaderB)!;
  const early = client().produce(leaderB, "orders", 0, values("early", 0, 5));
  runFor(cluster, 6000); // the HW checkpoint now covers the early records
  const m = client().produce(leaderB, "orders", 0, ["m"]);
  runUntilAnswered(cluster, client, m);
  expect(client().responseTo(early)?.partitions[0]?.error).toBe("NONE");
  expect(client().responseTo(m)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 5 });
  expect(logValues(cluster, followerA, "orders-0")).toContain("m");

  cluster.sim.crash(followerA, "kill");
  cluster.sim.restart(followerA);
  cluster.sim.crash(leaderB, "kill");
  runFor(cluster, 15_000);
  const leaderWhileBDown = cluster.leaderOf("orders-0");
  cluster.sim.restart(leaderB);
  runFor(cluster, 10_000);
  return { cluster, monitor, leaderB, followerA, leaderWhileBDown };
}

function runUntilAnswered(cluster: Cluster, client: () => ScriptedClient, correlationId: number): void {
  for (let i = 0; i < 1000 && client().responseTo(correlationId) === undefined; i++) runFor(cluster, 1);
}

describe("KIP-101: truncation to the high watermark (legacy) vs by leader epoch", () => {
  it("legacy high-watermark truncation loses the acknowledged write and committed-lost fires", () => {
    const { cluster, monitor, leaderB, followerA, leaderWhileBDown } = kip101Schedule("high-watermark");
    expect(leaderWhileBDown).toBe(followerA); // the fast restart went unnoticed: A stayed in the ISR
    expect(logValues(cluster, followerA, "orders-0")).not.toContain("m");
    expect(logValues(cluster, leaderB, "orders-0")).not.toContain("m");
    const violations = monitor.finish();
    expect(violations.map((v) => v.check)).toContain("committed-lost");
    const lost = violations.find((v) => v.check === "committed-lost")!;
    expect(lost).toMatchObject({ partition: "orders-0", offsets: [5], values: ["m"] });
  });

  it("truncation by leader epoch keeps it", () => {
    const { cluster, monitor, leaderB, followerA, leaderWhileBDown } = kip101Schedule("leader-epoch");
    // The bounce fenced A's old incarnation: A could not be elected while B was down, and B kept m.
    expect(leaderWhileBDown).toBeNull();
    expect(cluster.leaderOf("orders-0")).toBe(leaderB);
    expect(logValues(cluster, followerA, "orders-0")).toEqual([...values("early", 0, 5), "m"]);
    expect(logValues(cluster, leaderB, "orders-0")).toEqual([...values("early", 0, 5), "m"]);
    expect(monitor.finish()).toEqual([]);
  });
});

/** After 1 s, twenty records v-0..v-19 to orders-0's leader, acknowledged by 2 s. */
function ackTwentyRecords(cluster: Cluster): void {
  const client = addScriptedClient(cluster.sim, "client");
  runFor(cluster, 1000);
  const acked = client().produce(cluster.leaderOf("orders-0")!, "orders", 0, values("v", 0, 20));
  runFor(cluster, 1000);
  expect(client().responseTo(acked)?.partitions[0]?.error).toBe("NONE");
}

describe("power loss of every replica", () => {
  function powerLossAll(flushMessages: number | null) {
    const log = { ...DEFAULT_LOG_CONFIG, durability: { ...DEFAULT_LOG_CONFIG.durability, flushMessages } };
    const cluster = startCluster({ topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2, log })] });
    const monitor = new ReplicaMonitor(cluster);
    ackTwentyRecords(cluster);
    for (const broker of cluster.brokerIds) cluster.sim.crash(broker, "power-loss");
    for (const broker of cluster.brokerIds) cluster.sim.restart(broker);
    runFor(cluster, 5000);
    return { cluster, monitor, leader: cluster.leaderOf("orders-0")! };
  }

  it("without flush, acknowledged writes are gone and committed-lost fires", () => {
    const { cluster, monitor, leader } = powerLossAll(null);
    expect(logValues(cluster, leader, "orders-0")).toEqual([]);
    expect(monitor.finish().map((v) => v.check)).toContain("committed-lost");
  });

  it("a broker whose process was already killed still loses its unflushed log when its machine loses power", () => {
    const cluster = startCluster();
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    client().produce(leader, "orders", 0, values("v", 0, 20));
    runFor(cluster, 1000);
    const follower = cluster.brokerIds.find((id) => id !== leader)!;
    expect(logValues(cluster, follower, "orders-0")).toEqual(values("v", 0, 20));
    cluster.sim.crash(follower, "kill"); // the page cache outlives the process...
    runFor(cluster, 1000);
    expect(logValues(cluster, follower, "orders-0")).toEqual(values("v", 0, 20));
    cluster.sim.crash(follower, "power-loss"); // ...not the machine's power
    expect(logValues(cluster, follower, "orders-0")).toEqual([]);
  });

  it("with flush.messages=1, every acknowledged write survives", () => {
    const { cluster, monitor, leader } = powerLossAll(1);
    expect(logValues(cluster, leader, "orders-0")).toEqual(values("v", 0, 20));
    expect(monitor.finish()).toEqual([]);
  });
});

describe("the log flusher applies flush.ms (Kafka's LogManager.flushDirtyLogs)", () => {
  /**
   * flush.ms=1000 and an OS that writes back only after 10 minutes: twenty records acknowledged
   * at about 1 s are on disk only if a flusher ran. Every broker then loses power at 35 s.
   */
  function flushMsRun(logFlushSchedulerIntervalMs: number | null, killAllAtMs?: number) {
    const durability = { ...DEFAULT_LOG_CONFIG.durability, flushMs: 1000, osDirtyExpireMs: 600_000 };
    const cluster = startCluster({
      osDirtyExpireMs: 600_000,
      logFlushSchedulerIntervalMs,
      topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2, log: { ...DEFAULT_LOG_CONFIG, durability } })],
    });
    ackTwentyRecords(cluster);
    if (killAllAtMs !== undefined) {
      runFor(cluster, killAllAtMs - 2000);
      for (const broker of cluster.brokerIds) cluster.sim.crash(broker, "kill");
      runFor(cluster, 35_000 - killAllAtMs);
    } else {
      runFor(cluster, 33_000);
    }
    for (const broker of cluster.brokerIds) cluster.sim.crash(broker, "power-loss");
    for (const broker of cluster.brokerIds) cluster.sim.restart(broker);
    runFor(cluster, 5000);
    return { cluster, leader: cluster.leaderOf("orders-0")! };
  }

  it("with log.flush.scheduler.interval.ms set, the flusher's first look (30 s after start) makes the records durable", () => {
    const { cluster, leader } = flushMsRun(1000);
    expect(logValues(cluster, leader, "orders-0")).toEqual(values("v", 0, 20));
  });

  it("with Kafka's default interval (never), flush.ms alone flushes nothing", () => {
    const { cluster, leader } = flushMsRun(null);
    expect(logValues(cluster, leader, "orders-0")).toEqual([]);
  });

  it("a killed broker's flusher does not run: records still unflushed at the kill are lost to a later power loss", () => {
    const { cluster, leader } = flushMsRun(1000, 10_000);
    expect(logValues(cluster, leader, "orders-0")).toEqual([]);
  });

  it("a look that finds nothing new to flush leaves the flush.ms clock alone, so records that follow an idle spell go at the next look", () => {
    // flush.ms=5000, looks every second from 30 s. orders-0 stays empty until 36 s: Kafka's log
    // keeps its last flush time from its creation (LocalLog.markFlushed moves it only when the
    // recovery point moves), so the look at 37 s flushes the twenty records acknowledged at ~36 s.
    const durability = { ...DEFAULT_LOG_CONFIG.durability, flushMs: 5000, osDirtyExpireMs: 600_000 };
    const cluster = startCluster({
      osDirtyExpireMs: 600_000,
      logFlushSchedulerIntervalMs: 1000,
      topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2, log: { ...DEFAULT_LOG_CONFIG, durability } })],
    });
    runFor(cluster, 35_000);
    ackTwentyRecords(cluster);
    runFor(cluster, 1500);
    for (const broker of cluster.brokerIds) cluster.sim.crash(broker, "power-loss");
    for (const broker of cluster.brokerIds) cluster.sim.restart(broker);
    runFor(cluster, 5000);
    expect(logValues(cluster, cluster.leaderOf("orders-0")!, "orders-0")).toEqual(values("v", 0, 20));
  });
});

describe("unclean leader election", () => {
  function staleFollowerScenario(unclean: boolean) {
    // The follower gives up on its fetch after 2 s and closes that connection, so the answer the
    // leader then sends it (with "m") is never read, as on TCP: the cut keeps it, it is not lost.
    const cluster = startCluster({
      replicaLagTimeMaxMs: 5000,
      replicaSocketTimeoutMs: 2000,
      topics: [topicSpec("orders", 1, 2, { minInsyncReplicas: 1, uncleanLeaderElectionEnable: unclean })],
    });
    const monitor = new ReplicaMonitor(cluster);
    const client = addScriptedClient(cluster.sim, "client");
    const sim = cluster.sim;
    runFor(cluster, 1000);
    const state = cluster.controllerDisk.partitions.get("orders-0")!;
    const leader = state.leader!;
    const follower = state.replicas.find((id) => id !== leader)!;
    sim.network.partition([[sim.indexOf(follower)], [sim.indexOf(leader)]]);
    const m = client().produce(leader, "orders", 0, ["m"]);
    runFor(cluster, 10_000);
    expect(cluster.controllerDisk.partitions.get("orders-0")!.isr).toEqual([leader]);
    expect(client().responseTo(m)?.partitions[0]?.error).toBe("NONE"); // acknowledged once the ISR shrank to the leader
    sim.crash(leader, "kill");
    sim.network.heal();
    runFor(cluster, 12_000);
    return { cluster, monitor, client, leader, follower };
  }

  it("enabled: the stale follower is elected and the committed write is lost", () => {
    const { cluster, monitor, follower } = staleFollowerScenario(true);
    const state = cluster.controllerDisk.partitions.get("orders-0")!;
    expect(state.leader).toBe(follower);
    expect(state.isr).toEqual([follower]);
    expect(logValues(cluster, follower, "orders-0")).toEqual([]);
    expect(monitor.finish().map((v) => v.check)).toContain("committed-lost");
  });

  it("disabled: the partition stays offline until the ISR member returns, and nothing is lost", () => {
    const { cluster, monitor, client, leader, follower } = staleFollowerScenario(false);
    expect(cluster.controllerDisk.partitions.get("orders-0")!.leader).toBeNull();
    const refused = client().produce(follower, "orders", 0, ["n"]);
    runFor(cluster, 500);
    expect(client().responseTo(refused)?.partitions[0]?.error).toBe("NOT_LEADER_OR_FOLLOWER");
    cluster.sim.restart(leader);
    runFor(cluster, 5000);
    expect(cluster.leaderOf("orders-0")).toBe(leader);
    expect(logValues(cluster, leader, "orders-0")).toEqual(["m"]);
    expect(monitor.finish()).toEqual([]);
  });
});

describe("bounce detection (KIP-380)", () => {
  it("a broker that restarts faster than its session timeout loses its leaderships and ISR places at once", () => {
    const cluster = startCluster();
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    const before = cluster.controllerDisk.partitions.get("orders-0")!;
    cluster.sim.crash(leader, "power-loss");
    cluster.sim.restart(leader);
    runFor(cluster, 200);
    const after = cluster.controllerDisk.partitions.get("orders-0")!;
    expect(after.leader).not.toBe(leader);
    expect(after.leaderEpoch).toBe(before.leaderEpoch + 1);
    expect(after.partitionEpoch).toBeGreaterThan(before.partitionEpoch);
    runFor(cluster, 5000);
    expect(cluster.controllerDisk.partitions.get("orders-0")!.isr).toContain(leader); // rejoined once caught up
  });
});
