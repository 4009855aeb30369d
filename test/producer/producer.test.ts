import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { checkHistory } from "../../src/checkers";
import { lastOffsetOf } from "../../src/storage/recordBatch";
import { logValues, runFor, startCluster } from "../support/clusterFixture";
import { addProducer, idleProducerOnOnePartition, outcomes, QUICK_RETRIES } from "../support/producerFixture";

const oneTopic = (partitions: number, minIsr = 2) => [topicSpec("orders", partitions, 3, { minInsyncReplicas: minIsr })];

function batchSizes(cluster: ReturnType<typeof startCluster>, broker: string, partition: string): number[] {
  const store = cluster.disks.get(broker)!.partition(partition)!;
  return [...store.log.batches()].map((b) => lastOffsetOf(b) - b.baseOffset + 1);
}

describe("producer batching", () => {
  it("linger.ms gathers records sent close together into one batch; batch.size splits them", () => {
    const cluster = startCluster({ topics: oneTopic(1) });
    runFor(cluster, 500);
    const lingering = addProducer(cluster, { lingerMs: 100 }, { topic: "orders", messages: 0, ratePerSec: 1, keys: 0 });
    runFor(cluster, 500);
    for (let i = 0; i < 10; i++) cluster.sim.after(i, () => lingering.app().client.send("orders", null, `a-${i}`));
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    expect(batchSizes(cluster, leader, "orders-0")).toEqual([10]);

    // Each record is 10 + 8 bytes; 61 bytes of header; batch.size 150 holds 4 records per batch.
    const small = addProducer(cluster, { lingerMs: 100, batchSizeBytes: 150 }, { topic: "orders", messages: 0, ratePerSec: 1, keys: 0 }, { producerId: "p2" });
    runFor(cluster, 500);
    for (let i = 0; i < 10; i++) cluster.sim.after(0, () => small.app().client.send("orders", null, `b-${String(i).padStart(6, "0")}`));
    runFor(cluster, 1000);
    expect(batchSizes(cluster, leader, "orders-0")).toEqual([10, 4, 4, 2]);
  });

  it("a full buffer blocks send, which fails after max.block.ms", () => {
    const cluster = startCluster({ topics: oneTopic(1, 1) });
    runFor(cluster, 500);
    const producer = addProducer(cluster, { bufferMemoryBytes: 100, maxBlockMs: 2000, lingerMs: 0 }, { topic: "orders", messages: 0, ratePerSec: 1, keys: 0 });
    runFor(cluster, 500);
    const sim = cluster.sim;
    const leader = cluster.leaderOf("orders-0")!;
    sim.network.hold(sim.indexOf(producer.nodeId), sim.indexOf(leader)); // nothing leaves, so nothing frees memory
    for (let i = 0; i < 7; i++) sim.after(0, () => producer.app().client.send("orders", null, `v-${String(i).padStart(6, "0")}`));
    runFor(cluster, 1999);
    expect(outcomes(producer.history)).toEqual({});
    runFor(cluster, 2);
    // A record of an 8-character value takes 18 bytes: 100 bytes hold 5; the 6th and 7th waited max.block.ms and failed.
    expect(outcomes(producer.history)).toEqual({ fail: 2 });
    const failed = producer.history.ops.filter((op) => op.f === "send" && op.type === "fail");
    expect(failed.map((op) => (op as { error: string }).error)).toEqual([
      "TimeoutException: buffer.memory full after max.block.ms",
      "TimeoutException: buffer.memory full after max.block.ms",
    ]);
    sim.network.release(sim.indexOf(producer.nodeId), sim.indexOf(leader));
    runFor(cluster, 1000);
    expect(outcomes(producer.history)).toEqual({ fail: 2, ok: 5 });
  });
});

describe("idempotence", () => {
  it("with in-flight 5, a leader failover and lost responses: no duplicate, order kept", () => {
    const cluster = startCluster({ topics: oneTopic(1) });
    runFor(cluster, 500);
    const producer = addProducer(
      cluster,
      { enableIdempotence: true, maxInFlightRequestsPerConnection: 5, requestTimeoutMs: 3000, lingerMs: 1 },
      { topic: "orders", messages: 400, ratePerSec: 200, keys: 0 },
    );
    const sim = cluster.sim;
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    sim.network.setLink(sim.indexOf(leader), sim.indexOf(producer.nodeId), { loss: 0.5 });
    runFor(cluster, 500);
    sim.crash(leader, "kill");
    sim.network.clearLinks();
    runFor(cluster, 15_000);
    sim.restart(leader);
    runFor(cluster, 20_000);
    const newLeader = cluster.leaderOf("orders-0")!;
    const log = logValues(cluster, newLeader, "orders-0");
    expect(new Set(log).size).toBe(log.length);
    expect(log).toEqual([...log].sort());
    expect(log).toHaveLength(400);
    const violations = checkHistory(producer.history.ops, ["duplicate", "nonmonotonic-send"], {
      groups: [],
      drainComplete: new Set(),
      truncations: [],
    });
    expect(violations).toEqual([]);
    // Every send has its verdict. This run once stalled: a lost answer's notice never reached the
    // producer, so a later answer on the same connection overtook the lost one and the producer
    // acknowledged past batches it still awaited (see Network.sever).
    expect(outcomes(producer.history)).toEqual({ ok: 400 });
    expect(producer.app().client.pending).toBe(0);
  });

  it("off, with retries: a lost response makes the retry append the batch twice", () => {
    const cluster = startCluster({ topics: oneTopic(1) });
    runFor(cluster, 500);
    const producer = addProducer(
      cluster,
      // The retry waits out the lossy second: a lost response breaks the connection, which the
      // producer hears one latency later, so a quicker retry would lose its answer again.
      { enableIdempotence: false, requestTimeoutMs: 2000, lingerMs: 0, deliveryTimeoutMs: 120_000, retryBackoffMs: 1500 },
      { topic: "orders", messages: 0, ratePerSec: 1, keys: 0 },
    );
    const sim = cluster.sim;
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    sim.network.setLink(sim.indexOf(leader), sim.indexOf(producer.nodeId), { loss: 1 });
    sim.after(0, () => producer.app().client.send("orders", null, "m"));
    runFor(cluster, 1000);
    sim.network.clearLinks();
    runFor(cluster, 5000);
    expect(logValues(cluster, leader, "orders-0")).toEqual(["m", "m"]);
    expect(outcomes(producer.history)).toEqual({ ok: 1 });
  });
});

describe("max.in.flight.requests.per.connection = 5 without idempotence", () => {
  function reorderRun(enableIdempotence: boolean) {
    const { cluster, producer, leader } = idleProducerOnOnePartition({ enableIdempotence, ...QUICK_RETRIES });
    const sim = cluster.sim;
    // The broker knows this producer already (a brand-new producer id is accepted at any sequence).
    sim.after(0, () => producer.app().client.send("orders", null, "zero"));
    runFor(cluster, 500);
    // Replication stalls, so batch 1 waits at the leader for the HW and batch 2's request waits
    // unread behind it. Both time out; the producer puts each failed batch back at the head of
    // its queue, as Kafka's reenqueue does without idempotence, so batch 2 is retried first.
    const followers = cluster.brokerIds.filter((id) => id !== leader).map((id) => sim.indexOf(id));
    sim.after(0, () => sim.network.partition([[sim.indexOf(leader)], followers]));
    sim.after(0, () => producer.app().client.send("orders", null, "first"));
    sim.after(20, () => producer.app().client.send("orders", null, "second"));
    sim.after(1500, () => sim.network.heal());
    runFor(cluster, 5000);
    const violations = checkHistory(producer.history.ops, ["nonmonotonic-send"], { groups: [], drainComplete: new Set(), truncations: [] });
    return { log: logValues(cluster, leader, "orders-0"), violations };
  }

  it("two batches that time out together are retried in reverse order, and land so (nonmonotonic-send)", () => {
    const { log, violations } = reorderRun(false);
    // Batch 1's first append stays (a duplicate); its acknowledged retry lands after batch 2.
    expect(log).toEqual(["zero", "first", "second", "first"]);
    expect(violations.map((v) => v.check)).toEqual(["nonmonotonic-send"]);
  });

  it("with idempotence they go back in sequence order, the retried batch 1 is known, and order is kept", () => {
    const { log, violations } = reorderRun(true);
    expect(log).toEqual(["zero", "first", "second"]);
    expect(violations).toEqual([]);
  });
});
