/**
 * A follower whose broker the controller has fenced may keep fetching from its leader (it lost
 * only the controller). The leader does not propose it for the ISR while its metadata says the
 * broker is fenced (Kafka's Partition.canAddReplicaToIsr, through isReplicaIsrEligible): the
 * controller would refuse it, and each proposal in flight blocks the leader's ISR shrinks.
 */
import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { runFor, startCluster } from "../support/clusterFixture";

describe("a follower fenced by the controller but still fetching", () => {
  it("is not proposed for the ISR until its broker is unfenced, then rejoins", () => {
    const cluster = startCluster({ recordTrace: true, topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2 })] });
    const sim = cluster.sim;
    const state = () => cluster.controllerDisk.partitions.get("orders-0")!;
    runFor(cluster, 1000);
    const leader = state().leader!;
    const fenced = state().replicas.find((id) => id !== leader)!;
    sim.network.partitionOneWay(sim.indexOf(fenced), sim.indexOf("controller")); // its heartbeats stop arriving
    runFor(cluster, 12_000); // past broker.session.timeout.ms
    expect(state().isr).not.toContain(fenced);
    expect(cluster.broker(leader)!.metadataImage!.liveBrokers).not.toContain(fenced);

    const from = sim.trace.events.length;
    runFor(cluster, 10_000);
    const proposals = sim.trace.events
      .slice(from)
      .filter((e) => e.kind === "isr-propose" && e.node === leader && String((e.detail as { isr: string }).isr).includes(fenced));
    expect(proposals).toEqual([]);

    sim.network.heal(); // a heartbeat unfences it; the leader proposes it at its next fetch
    runFor(cluster, 5000);
    expect(state().isr).toContain(fenced);
  });
});
