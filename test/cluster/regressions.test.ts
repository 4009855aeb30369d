/** Bugs the property suites found in the model, each pinned by a scripted schedule. */
import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { ReplicaMonitor } from "../../src/checkers/replica/replicaMonitor";
import { addScriptedClient } from "../support/scriptedClient";
import { logValues, runFor, startCluster, values } from "../support/clusterFixture";

describe("a leader that appended nothing in its epoch", () => {
  it("drops that epoch's cache entry when it follows again, instead of diverging forever", () => {
    const cluster = startCluster({ topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 1 })] });
    const client = addScriptedClient(cluster.sim, "client");
    const sim = cluster.sim;
    runFor(cluster, 1000);
    const first = cluster.leaderOf("orders-0")!;
    client().produce(first, "orders", 0, values("a", 0, 5));
    runFor(cluster, 1000);
    sim.crash(first, "kill"); // epoch 1 goes to a follower...
    runFor(cluster, 9_300);
    const brief = cluster.leaderOf("orders-0")!;
    expect(cluster.controllerDisk.partitions.get("orders-0")!.leaderEpoch).toBe(1);
    // ...whose heartbeats stop reaching the controller before it appends anything: it is fenced
    // while it runs, and epoch 2 goes elsewhere.
    sim.network.partitionOneWay(sim.indexOf(brief), sim.indexOf("controller"));
    sim.restart(first);
    runFor(cluster, 12_000);
    expect(cluster.controllerDisk.partitions.get("orders-0")!.leaderEpoch).toBe(2);
    sim.network.heal();
    runFor(cluster, 5_000);
    const epochs = cluster.broker(brief)!.replicas.partitions.get("orders-0")!.epochs.entries().map((e) => e.epoch);
    expect(epochs).not.toContain(1);
    expect(cluster.controllerDisk.partitions.get("orders-0")!.isr).toHaveLength(3);
    for (const broker of cluster.brokerIds) expect(logValues(cluster, broker, "orders-0")).toEqual(values("a", 0, 5));
  });
});

describe("committed-lost and a stale leader", () => {
  it("does not hold a leader of an older epoch (one that slept through an election) to newer commits", () => {
    const cluster = startCluster({ topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2 })] });
    const monitor = new ReplicaMonitor(cluster);
    const client = addScriptedClient(cluster.sim, "client");
    const sim = cluster.sim;
    const first = cluster.controllerDisk.partitions.get("orders-0")!.leader!;
    sim.pause(first); // before it has even registered
    runFor(cluster, 10_000);
    const next = cluster.leaderOf("orders-0")!;
    expect(next).not.toBe(first);
    client().produce(next, "orders", 0, values("b", 0, 3));
    runFor(cluster, 500);
    sim.resume(first); // it wakes up believing it leads epoch 0
    runFor(cluster, 5_000);
    expect(monitor.finish()).toEqual([]);
    expect(logValues(cluster, first, "orders-0")).toEqual(values("b", 0, 3));
  });
});
