/**
 * Kafka's shouldWaitForReplicaToJoinIsr: the leader's high watermark waits not only for the
 * (maximal) ISR but also for a follower outside it that is caught up within
 * replica.lag.time.max.ms and eligible (its broker unfenced), since it is about to be proposed.
 * A fenced follower, or one that has not been caught up for longer than the lag, holds nothing.
 */
import { describe, expect, it } from "vitest";
import { Partition } from "../../src/broker/partition";
import { msToMicros } from "../../src/kernel/time";
import type { PartitionState } from "../../src/protocol/metadata";
import { BrokerDisk } from "../../src/storage/brokerDisk";
import { loadEpochCache } from "../../src/storage/partitionRecovery";
import { makeBatch } from "../storage/batches";
import { logConfig } from "../storage/logConfigs";

const LAG_MAX_MS = 10_000;
const at = (ms: number): number => msToMicros(ms);

/** orders-0 just led by b0 in epoch 1, ISR {b0, b1}, min ISR 2, b2 a replica outside the ISR; b0 holds offsets 0..9. */
function newLeader(eligible: (id: string) => boolean): Partition {
  const store = new BrokerDisk(30_000).createPartition("orders-0", logConfig());
  const rules = { replicaLagTimeMaxUs: at(LAG_MAX_MS), isIsrEligible: eligible };
  const partition = new Partition("orders-0", "orders", 0, store, loadEpochCache(store, 0), 0, 2, rules);
  const state: PartitionState = { topic: "orders", partition: 0, leader: "b0", leaderEpoch: 1, partitionEpoch: 1, isr: ["b0", "b1"], elr: [], replicas: ["b0", "b1", "b2"] };
  partition.becomeLeader(state, "b0", 0);
  partition.appendAsLeader(makeBatch(0, { recordCount: 10, leaderEpoch: 1 }), 0);
  return partition;
}

/** b2 fetched at 10 (caught up) at 1 s, b0 appended 10..19 at 2 s, and b1 fetches at 20 at 3 s. */
function leaderWithCaughtUpOutsider(eligible: ReadonlySet<string>): Partition {
  const partition = newLeader((id) => eligible.has(id));
  partition.recordFollowerFetch("b1", 10, 1, at(500));
  expect(partition.highWatermark).toBe(10);
  partition.recordFollowerFetch("b2", 10, 1, at(1000));
  partition.appendAsLeader(makeBatch(10, { recordCount: 10, leaderEpoch: 1 }), at(2000));
  partition.recordFollowerFetch("b1", 20, 1, at(3000));
  return partition;
}

describe("the leader's HW and a follower about to join the ISR", () => {
  it("waits for a caught-up, eligible follower outside the ISR", () => {
    const partition = leaderWithCaughtUpOutsider(new Set(["b0", "b1", "b2"]));
    expect(partition.highWatermark).toBe(10);
    // It fetches on to 20: the HW follows.
    partition.recordFollowerFetch("b2", 20, 1, at(4000));
    expect(partition.highWatermark).toBe(20);
  });

  it("does not wait for a follower whose broker is fenced", () => {
    const partition = leaderWithCaughtUpOutsider(new Set(["b0", "b1"]));
    expect(partition.highWatermark).toBe(20);
  });

  it("stops waiting once the follower has not been caught up for replica.lag.time.max.ms", () => {
    const partition = leaderWithCaughtUpOutsider(new Set(["b0", "b1", "b2"]));
    expect(partition.maybeIncrementHighWatermark(at(1000 + LAG_MAX_MS))).toBe(false);
    expect(partition.maybeIncrementHighWatermark(at(1000 + LAG_MAX_MS + 1))).toBe(true);
    expect(partition.highWatermark).toBe(20);
  });

  it("does not wait for a follower that was outside the ISR when the leader was elected and has not fetched", () => {
    const partition = newLeader(() => true);
    // At simulated time 0.5 s, well within the lag of a clock that starts at 0.
    partition.recordFollowerFetch("b1", 10, 1, at(500));
    expect(partition.highWatermark).toBe(10);
  });

  it("does not wait for a follower that was outside the ISR at election once it fetches from behind", () => {
    const partition = newLeader(() => true);
    // b2's first fetch in this epoch is far behind (0 of 10): it has never been caught up here, and
    // its first fetch must not date its catch-up to a "last fetch" it never made (time 0).
    partition.recordFollowerFetch("b2", 0, 1, at(400));
    partition.recordFollowerFetch("b1", 10, 1, at(500));
    expect(partition.highWatermark).toBe(10);
  });
});
