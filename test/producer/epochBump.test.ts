/**
 * KIP-360 (Kafka 2.5+), the idempotent producer without transactions: an OUT_OF_ORDER_SEQUENCE_NUMBER
 * for the first batch without a verdict means the log really has a gap. Kafka's TransactionManager
 * then bumps the producer epoch, renumbers the partition's unresolved batches from sequence 0 under
 * the new epoch and retries them (canRetry / bumpIdempotentProducerEpoch / startSequencesAtBeginning).
 */
import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { logValues, runFor, startCluster } from "../support/clusterFixture";
import { acked, addProducer, outcomes } from "../support/producerFixture";

/** An unclean election loses the acknowledged "a": the new leader's last sequence from us is "zero"'s. */
function gapAfterUncleanElection() {
  const cluster = startCluster({
    replicaLagTimeMaxMs: 5000,
    topics: [topicSpec("orders", 1, 2, { minInsyncReplicas: 1, uncleanLeaderElectionEnable: true })],
  });
  const sim = cluster.sim;
  const epochBumps: number[] = [];
  sim.trace.watch(["producer-epoch-bump"], (event) => epochBumps.push(event.timeUs));
  runFor(cluster, 1000);
  const producer = addProducer(
    cluster,
    { enableIdempotence: true, lingerMs: 0, requestTimeoutMs: 3000, retryBackoffMs: 10 },
    { topic: "orders", messages: 0, ratePerSec: 1, keys: 0 },
  );
  runFor(cluster, 1000);
  const state = cluster.controllerDisk.partitions.get("orders-0")!;
  const leader = state.leader!;
  const follower = state.replicas.find((id) => id !== leader)!;
  sim.after(0, () => producer.app().client.send("orders", null, "zero"));
  runFor(cluster, 1000);
  sim.network.partition([[sim.indexOf(follower)], [sim.indexOf(leader)]]);
  sim.after(0, () => producer.app().client.send("orders", null, "a"));
  runFor(cluster, 10_000); // "a" is acknowledged once the ISR has shrunk to the leader
  sim.crash(leader, "kill");
  sim.network.heal();
  runFor(cluster, 12_000); // the stale follower is elected
  expect(cluster.leaderOf("orders-0")).toBe(follower);
  sim.after(0, () => producer.app().client.send("orders", null, "b"));
  sim.after(1, () => producer.app().client.send("orders", null, "c"));
  runFor(cluster, 5000);
  return { cluster, producer, follower, epochBumps };
}

describe("KIP-360: out of order with nothing earlier unresolved", () => {
  it("bumps the epoch and resends the batch and the ones behind it from sequence 0", () => {
    const { cluster, producer, follower, epochBumps } = gapAfterUncleanElection();
    expect(logValues(cluster, follower, "orders-0")).toEqual(["zero", "b", "c"]);
    expect(acked(producer.history).map((op) => op.value)).toEqual(["zero", "a", "b", "c"]);
    expect(outcomes(producer.history)).toEqual({ ok: 4 });
    expect(epochBumps).toHaveLength(1);
  });
});
