import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { ReplicaMonitor } from "../../src/checkers/replica/replicaMonitor";
import { addScriptedClient } from "../support/scriptedClient";
import { logValues, runFor, startCluster, values } from "../support/clusterFixture";

describe("leader failover", () => {
  it("a killed leader is replaced by an ISR member with a bumped epoch, and nothing committed is lost", () => {
    const cluster = startCluster();
    const monitor = new ReplicaMonitor(cluster);
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 1000);
    const oldLeader = cluster.leaderOf("orders-0")!;
    const first = client().produce(oldLeader, "orders", 0, values("a", 0, 50));
    runFor(cluster, 1000);
    expect(client().responseTo(first)?.partitions[0]?.error).toBe("NONE");

    cluster.sim.crash(oldLeader, "kill");
    runFor(cluster, 12_000); // past broker.session.timeout.ms
    const state = cluster.controllerDisk.partitions.get("orders-0")!;
    expect(state.leader).not.toBe(oldLeader);
    expect(state.leader).not.toBeNull();
    expect(state.leaderEpoch).toBe(1);
    expect(state.isr).not.toContain(oldLeader);

    const second = client().produce(state.leader!, "orders", 0, values("b", 0, 50));
    runFor(cluster, 1000);
    expect(client().responseTo(second)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 50, leaderEpoch: 1 });
    expect(logValues(cluster, state.leader!, "orders-0")).toEqual([...values("a", 0, 50), ...values("b", 0, 50)]);

    cluster.sim.restart(oldLeader);
    runFor(cluster, 5000);
    expect(logValues(cluster, oldLeader, "orders-0")).toEqual([...values("a", 0, 50), ...values("b", 0, 50)]);
    expect(cluster.controllerDisk.partitions.get("orders-0")!.isr).toHaveLength(3);
    expect(monitor.finish()).toEqual([]);
  });
});

describe("ISR shrink and expand", () => {
  it("a follower cut off past replica.lag.time.max.ms leaves the ISR, acks=all gets NOT_ENOUGH_REPLICAS, and it rejoins after the heal", () => {
    const cluster = startCluster({ replicaLagTimeMaxMs: 10_000, topics: [topicSpec("orders", 1, 2, { minInsyncReplicas: 2 })] });
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 1000);
    const state = cluster.controllerDisk.partitions.get("orders-0")!;
    const leader = state.leader!;
    const follower = state.replicas.find((id) => id !== leader)!;
    const sim = cluster.sim;
    sim.network.partition([[sim.indexOf(follower)], [sim.indexOf(leader)]]);
    // An idle follower whose LEO equals the leader's counts as caught up (Kafka's isCaughtUp): write one record so it lags.
    const lagging = client().produce(leader, "orders", 0, values("w", 0, 1), 1);
    runFor(cluster, 20_000);
    expect(client().responseTo(lagging)?.partitions[0]?.error).toBe("NONE");
    expect(cluster.controllerDisk.partitions.get("orders-0")!.isr).toEqual([leader]);

    const rejected = client().produce(leader, "orders", 0, values("x", 0, 5));
    runFor(cluster, 500);
    expect(client().responseTo(rejected)?.partitions[0]?.error).toBe("NOT_ENOUGH_REPLICAS");
    expect(logValues(cluster, leader, "orders-0")).toEqual(values("w", 0, 1));

    const acksOne = client().produce(leader, "orders", 0, values("y", 0, 5), 1);
    runFor(cluster, 500);
    expect(client().responseTo(acksOne)?.partitions[0]?.error).toBe("NONE");

    sim.network.heal();
    runFor(cluster, 40_000); // the follower's lost fetch times out (replica socket timeout), then it catches up
    expect(cluster.controllerDisk.partitions.get("orders-0")!.isr).toEqual(expect.arrayContaining([leader, follower]));
    expect(logValues(cluster, follower, "orders-0")).toEqual([...values("w", 0, 1), ...values("y", 0, 5)]);
    const accepted = client().produce(leader, "orders", 0, values("z", 0, 5));
    runFor(cluster, 500);
    expect(client().responseTo(accepted)?.partitions[0]?.error).toBe("NONE");
  });
});

describe("divergent follower", () => {
  it("truncates what the new leader never had, by leader epoch, and converges", () => {
    const cluster = startCluster({ topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 1 })] });
    const monitor = new ReplicaMonitor(cluster);
    const client = addScriptedClient(cluster.sim, "client");
    const sim = cluster.sim;
    runFor(cluster, 1000);
    const oldLeader = cluster.leaderOf("orders-0")!;
    const committed = client().produce(oldLeader, "orders", 0, values("a", 0, 10));
    runFor(cluster, 1000);
    expect(client().responseTo(committed)?.partitions[0]?.error).toBe("NONE");

    const others = cluster.brokerIds.filter((id) => id !== oldLeader);
    sim.network.partition([[sim.indexOf(oldLeader)], [...others, "controller"].map((id) => sim.indexOf(id))]);
    const orphan = client().produce(oldLeader, "orders", 0, values("orphan", 0, 3), 1);
    runFor(cluster, 12_000);
    expect(client().responseTo(orphan)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 10 });
    expect(logValues(cluster, oldLeader, "orders-0")).toEqual([...values("a", 0, 10), ...values("orphan", 0, 3)]);

    const newLeader = cluster.leaderOf("orders-0")!;
    expect(newLeader).not.toBe(oldLeader);
    const fresh = client().produce(newLeader, "orders", 0, values("b", 0, 5), 1);
    runFor(cluster, 500);
    expect(client().responseTo(fresh)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 10 });

    sim.network.heal();
    runFor(cluster, 20_000);
    const expected = [...values("a", 0, 10), ...values("b", 0, 5)];
    for (const broker of cluster.brokerIds) expect(logValues(cluster, broker, "orders-0")).toEqual(expected);
    const violations = monitor.finish();
    expect(violations.filter((v) => v.check === "log-divergence")).toEqual([]);
  });
});
