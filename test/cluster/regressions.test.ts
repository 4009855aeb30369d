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

describe("an eligible leader replica that crashed", () => {
  it("leaves the ELR when it registers again, so it cannot be elected with what its crash lost", () => {
    const cluster = startCluster({ topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2 })] });
    const monitor = new ReplicaMonitor(cluster);
    const client = addScriptedClient(cluster.sim, "client");
    const sim = cluster.sim;
    const state = () => cluster.controllerDisk.partitions.get("orders-0")!;
    runFor(cluster, 1000);
    const leader = state().leader!;
    const [b, c] = state().replicas.filter((id) => id !== leader) as [string, string];
    const committed = client().produce(leader, "orders", 0, values("a", 0, 5));
    runFor(cluster, 1000);
    expect(client().responseTo(committed)?.partitions[0]?.error).toBe("NONE");

    sim.crash(c, "kill");
    runFor(cluster, 12_000); // c is fenced: the ISR is {leader, b}
    sim.crash(b, "power-loss"); // b's copy was never flushed
    runFor(cluster, 12_000);
    expect(state().isr).toEqual([leader]);
    expect(state().elr).toEqual([b]);
    sim.crash(leader, "kill");
    runFor(cluster, 12_000);
    expect(state().leader).toBeNull();

    sim.restart(b); // an unclean shutdown: b may have lost what the ELR vouched for
    runFor(cluster, 5_000);
    expect(state().elr).toEqual([]);
    expect(state().leader).toBeNull();
    expect(logValues(cluster, b, "orders-0")).toEqual([]);

    sim.restart(leader); // the last ISR member returns, its page cache intact
    runFor(cluster, 10_000);
    expect(state().leader).toBe(leader);
    expect(monitor.finish()).toEqual([]);
    expect(logValues(cluster, b, "orders-0")).toEqual(values("a", 0, 5));
  });
});

describe("an ISR expansion the controller never answered", () => {
  it("keeps counting the joining replica in the HW until the controller's word arrives", () => {
    const cluster = startCluster({
      replicaLagTimeMaxMs: 2000,
      link: { latencyMinMs: 1, latencyMaxMs: 1, loss: 0, duplicate: 0 },
      topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2 })],
    });
    const monitor = new ReplicaMonitor(cluster);
    const client = addScriptedClient(cluster.sim, "client");
    const sim = cluster.sim;
    const network = sim.network;
    const state = () => cluster.controllerDisk.partitions.get("orders-0")!;
    runFor(cluster, 1000);
    const leader = state().leader!;
    const joining = state().replicas.find((id) => id !== leader)!;
    const cutBetween = (a: string, b: string) => {
      network.partitionOneWay(sim.indexOf(a), sim.indexOf(b));
      network.partitionOneWay(sim.indexOf(b), sim.indexOf(a));
    };
    cutBetween(joining, leader);
    client().produce(leader, "orders", 0, values("a", 0, 3));
    runFor(cluster, 5000);
    expect(state().isr).not.toContain(joining);

    // The joining replica catches up; the controller commits the expansion, but neither its answer
    // nor its metadata reaches the leader.
    network.heal();
    network.partitionOneWay(sim.indexOf("controller"), sim.indexOf(leader));
    for (let waitedMs = 0; waitedMs < 40_000 && !state().isr.includes(joining); waitedMs += 100) runFor(cluster, 100);
    expect(state().isr).toContain(joining); // (once its fetch, unanswered during the cut, times out)
    const leaderView = cluster.broker(leader)!.replicas.partitions.get("orders-0")!;
    expect(leaderView.isr).not.toContain(joining);

    cutBetween(joining, leader);
    let leftOutMs = 0;
    // Seven seconds: past the 5 s after which the leader sends its unanswered AlterPartition again.
    for (let stepMs = 0; stepMs < 7000; stepMs += 10) {
      runFor(cluster, 10);
      if (!leaderView.maximalIsr().includes(joining)) leftOutMs += 10;
    }
    expect(leftOutMs).toBe(0);
    // The answer to the resend: the partition epoch has moved on (the first one was applied). That
    // says nothing of the proposal's fate, so it stays pending until metadata arrives.
    cluster.broker(leader)!.replicas.onAlterPartitionResponse({
      type: "AlterPartitionResponse",
      topic: "orders",
      partition: 0,
      error: "INVALID_UPDATE_VERSION",
      state: undefined,
    });
    expect(leaderView.maximalIsr()).toContain(joining);
    const write = client().produce(leader, "orders", 0, values("b", 0, 3));
    runFor(cluster, 2000);
    expect(client().responseTo(write)).toBeUndefined(); // it waits for the joining replica
    network.heal(); // the controller's metadata reaches the leader at last
    runFor(cluster, 5000);
    expect(leaderView.pendingIsr).toBeUndefined();
    expect(leaderView.isr).toEqual(state().isr);
    expect(leaderView.partitionEpoch).toBe(state().partitionEpoch);
    expect(client().responseTo(write)?.partitions[0]?.error).toBe("NONE");
    expect(monitor.finish()).toEqual([]);
  });
});

describe("a follower's high watermark", () => {
  it("follows the leader's, down as well as up, within its own log", () => {
    const cluster = startCluster({ topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2 })] });
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    const follower = cluster.controllerDisk.partitions.get("orders-0")!.replicas.find((id) => id !== leader)!;
    client().produce(leader, "orders", 0, values("a", 0, 5));
    runFor(cluster, 2000);
    const replica = cluster.broker(follower)!.replicas.partitions.get("orders-0")!;
    expect(replica.highWatermark).toBe(5);
    // A new leader's HW can lag the old one's: the follower takes its word (Kafka, and the spec).
    expect(replica.updateFollowerHighWatermark(3)).toBe(true);
    expect(replica.highWatermark).toBe(3);
    expect(replica.updateFollowerHighWatermark(9)).toBe(true);
    expect(replica.highWatermark).toBe(5); // never past its own log end
    expect(replica.updateFollowerHighWatermark(5)).toBe(false);
  });
});
