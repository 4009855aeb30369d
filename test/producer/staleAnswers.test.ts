/**
 * An answer meant for an earlier incarnation of a client. Over TCP it dies with the connection its
 * request came on; a restarted client opens new connections and never sees it. The simulator
 * delivers by node id, so the client itself must not take such an answer for one of its own.
 */
import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { runFor, startCluster, values } from "../support/clusterFixture";
import { acked, addProducer } from "../support/producerFixture";

describe("a producer restarted while the leader still holds its old request", () => {
  it("does not take the old request's answer for its own: each ok names the offset its value has", () => {
    const cluster = startCluster({ topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2 })] });
    const sim = cluster.sim;
    runFor(cluster, 1000);
    const producer = addProducer(cluster, { enableIdempotence: false, lingerMs: 0, requestTimeoutMs: 20_000 }, { topic: "orders", messages: 0, ratePerSec: 1, keys: 0 });
    runFor(cluster, 500);
    const leader = cluster.leaderOf("orders-0")!;
    const followers = cluster.brokerIds.filter((id) => id !== leader);
    // The followers stop fetching: the leader keeps acks=all produces waiting in purgatory.
    for (const follower of followers) sim.network.hold(sim.indexOf(follower), sim.indexOf(leader));
    const [oldValue, newValue] = values("v", 0, 2);
    producer.app().client.send("orders", null, oldValue!);
    runFor(cluster, 100);
    sim.crash(producer.nodeId, "kill");
    sim.restart(producer.nodeId);
    runFor(cluster, 100); // the new incarnation learns the metadata
    producer.app().client.send("orders", null, newValue!);
    runFor(cluster, 100);
    for (const follower of followers) sim.network.release(sim.indexOf(follower), sim.indexOf(leader));
    runFor(cluster, 2000);

    const logged = cluster.disks.get(leader)!.partition("orders-0")!.log;
    const offsetOf = new Map<string, number>();
    for (const batch of logged.batches()) batch.records.forEach((record, i) => offsetOf.set(record.value, batch.baseOffset + i));
    expect(offsetOf.get(newValue!)).toBe(1);
    const oks = acked(producer.history).filter((op) => op.value === newValue);
    expect(oks.map((op) => op.offset)).toEqual([offsetOf.get(newValue!)]);
  });
});
