/**
 * A leader whose committed ISR is below min.insync.replicas holds its high watermark, even while
 * an expansion it proposed is in flight (Kafka's Partition.maybeIncrementLeaderHW checks
 * isUnderMinIsr on the committed ISR, not the maximal one). The ELR the controller keeps meanwhile
 * vouches only for what is below that HW: committing more, before the controller has taken the
 * new member, would let an ELR member that lacks it be elected.
 */
import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { addScriptedClient } from "../support/scriptedClient";
import { runFor, startCluster, values } from "../support/clusterFixture";

describe("a leader under min.insync.replicas", () => {
  it("does not advance its HW on a pending ISR expansion, only once the controller's commit reaches it", () => {
    const cluster = startCluster({
      replicaLagTimeMaxMs: 2000,
      link: { latencyMinMs: 1, latencyMaxMs: 1, loss: 0, duplicate: 0 },
      topics: [topicSpec("orders", 1, 2, { minInsyncReplicas: 2 })],
    });
    const client = addScriptedClient(cluster.sim, "client");
    const sim = cluster.sim;
    const network = sim.network;
    const state = () => cluster.controllerDisk.partitions.get("orders-0")!;
    runFor(cluster, 1000);
    const leader = state().leader!;
    const follower = state().replicas.find((id) => id !== leader)!;
    network.partitionOneWay(sim.indexOf(leader), sim.indexOf(follower));
    network.partitionOneWay(sim.indexOf(follower), sim.indexOf(leader));
    client().produce(leader, "orders", 0, values("w", 0, 1), 1);
    runFor(cluster, 5000);
    const leaderView = cluster.broker(leader)!.replicas.partitions.get("orders-0")!;
    expect(state().isr).toEqual([leader]);
    expect(state().elr).toEqual([follower]);
    expect(leaderView.isr).toEqual([leader]);
    expect(leaderView.highWatermark).toBe(0);

    // The follower comes back and the leader proposes it; the controller commits the expansion,
    // but neither its answer nor its metadata reaches the leader.
    network.heal();
    network.partitionOneWay(sim.indexOf("controller"), sim.indexOf(leader));
    for (let waitedMs = 0; waitedMs < 40_000 && leaderView.pendingIsr === undefined; waitedMs += 100) runFor(cluster, 100);
    expect(leaderView.pendingIsr).toEqual([leader, follower]);
    client().produce(leader, "orders", 0, values("x", 0, 1), 1);
    runFor(cluster, 1000);
    expect(state().isr).toEqual([leader, follower]);
    expect(leaderView.isr).toEqual([leader]);
    expect(leaderView.maximalIsr()).toEqual([leader, follower]);
    expect(cluster.broker(follower)!.replicas.partitions.get("orders-0")!.logEndOffset).toBe(2);
    expect(leaderView.highWatermark).toBe(0);

    network.heal(); // the controller's metadata reaches the leader: its committed ISR is back at min
    runFor(cluster, 5000);
    expect(leaderView.isr).toEqual([leader, follower]);
    expect(leaderView.highWatermark).toBe(2);
  });
});
