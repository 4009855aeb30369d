import { describe, expect, it } from "vitest";
import { buildCluster } from "../../src/cluster/cluster";
import { DEFAULT_CLUSTER, topicSpec } from "../../src/cluster/clusterSpec";
import { ReplicaMonitor } from "../../src/checkers/replica/replicaMonitor";
import { addScriptedClient } from "../support/scriptedClient";
import { logValues, runFor, startCluster, values } from "../support/clusterFixture";

describe("idempotent producer state at the broker", () => {
  it("answers a duplicate with the original offset, a gap with OUT_OF_ORDER_SEQUENCE_NUMBER, an old epoch as fenced — also after failover", () => {
    const cluster = startCluster();
    const monitor = new ReplicaMonitor(cluster);
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    const producer = { producerId: 7, producerEpoch: 1, baseSequence: 0 };
    const first = client().produce(leader, "orders", 0, values("p", 0, 5), -1, producer);
    runFor(cluster, 500);
    const again = client().produce(leader, "orders", 0, values("p", 0, 5), -1, producer);
    const gap = client().produce(leader, "orders", 0, values("p", 10, 5), -1, { ...producer, baseSequence: 10 });
    const stale = client().produce(leader, "orders", 0, values("q", 0, 1), -1, { ...producer, producerEpoch: 0, baseSequence: 5 });
    const next = client().produce(leader, "orders", 0, values("p", 5, 5), -1, { ...producer, baseSequence: 5 });
    runFor(cluster, 500);
    expect(client().responseTo(first)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 0 });
    expect(client().responseTo(again)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 0 });
    expect(client().responseTo(gap)?.partitions[0]?.error).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    expect(client().responseTo(stale)?.partitions[0]?.error).toBe("INVALID_PRODUCER_EPOCH");
    expect(client().responseTo(next)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 5 });
    expect(logValues(cluster, leader, "orders-0")).toEqual(values("p", 0, 10));

    cluster.sim.crash(leader, "kill");
    runFor(cluster, 12_000);
    const newLeader = cluster.leaderOf("orders-0")!;
    expect(newLeader).not.toBe(leader);
    const retried = client().produce(newLeader, "orders", 0, values("p", 5, 5), -1, { ...producer, baseSequence: 5 });
    const gapAfter = client().produce(newLeader, "orders", 0, values("p", 20, 5), -1, { ...producer, baseSequence: 20 });
    runFor(cluster, 500);
    expect(client().responseTo(retried)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 5 });
    expect(client().responseTo(gapAfter)?.partitions[0]?.error).toBe("OUT_OF_ORDER_SEQUENCE_NUMBER");
    expect(logValues(cluster, newLeader, "orders-0")).toEqual(values("p", 0, 10));
    expect(monitor.finish()).toEqual([]);
  });
});

describe("controller down", () => {
  it("elects nobody while it is down, and elects again once it restarts", () => {
    const cluster = startCluster();
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    const before = cluster.controllerDisk.partitions.get("orders-0")!;
    cluster.sim.crash("controller");
    cluster.sim.crash(leader, "kill");
    runFor(cluster, 30_000);
    expect(cluster.controllerDisk.partitions.get("orders-0")).toBe(before);
    const follower = before.replicas.find((id) => id !== leader)!;
    expect(cluster.broker(follower)!.replicas.partitions.get("orders-0")!.leader).toBe(leader);

    cluster.sim.restart("controller");
    runFor(cluster, 12_000); // a fresh session for everyone, then the dead leader is fenced
    const after = cluster.controllerDisk.partitions.get("orders-0")!;
    expect(after.leader).not.toBe(leader);
    expect(after.leader).not.toBeNull();
    expect(after.leaderEpoch).toBe(before.leaderEpoch + 1);
    const accepted = client().produce(after.leader!, "orders", 0, ["x"]);
    runFor(cluster, 500);
    expect(client().responseTo(accepted)?.partitions[0]?.error).toBe("NONE");
  });
});

describe("bad cluster shapes are refused up front", () => {
  it("replication factor above the broker count, min ISR above RF", () => {
    const spec = {
      ...DEFAULT_CLUSTER,
      seed: "x",
      topics: [topicSpec("orders", 3, 4), topicSpec("audit", 1, 2, { minInsyncReplicas: 3 })],
    };
    expect(() => buildCluster(spec)).toThrow(
      "topics[0] (orders).replicationFactor: 4 is not allowed with 3 brokers (1..3)\n" +
        "topics[1] (audit).min.insync.replicas: 3 is not allowed with replicationFactor 2 (1..2)",
    );
  });
});
