/**
 * The replica invariants on hand-made states: each fires on the state it names and stays quiet on
 * its healthy twin. (The cluster tests show them quiet on real runs and firing on real failures.)
 */
import { describe, expect, it } from "vitest";
import type { ClusterView, ReplicaView } from "../../../src/checkers/replica/clusterView";
import { HwRegression } from "../../../src/checkers/replica/hwRegression";
import { IsrCompleteness } from "../../../src/checkers/replica/isrCompleteness";
import { LogDivergence } from "../../../src/checkers/replica/logDivergence";
import type { TraceEvent } from "../../../src/kernel/trace";
import type { PartitionState } from "../../../src/protocol/metadata";
import type { RecordBatch } from "../../../src/storage/recordBatch";

const PARTITION = "orders-0";

function batch(baseOffset: number, values: string[]): RecordBatch {
  return { baseOffset, leaderEpoch: 0, producerId: -1, producerEpoch: -1, baseSequence: -1, records: values.map((value) => ({ key: null, value })) };
}

function replica(broker: string, role: ReplicaView["role"], batches: RecordBatch[], highWatermark: number): ReplicaView {
  const batchAt = (offset: number) => batches.find((b) => offset >= b.baseOffset && offset < b.baseOffset + b.records.length);
  const last = batches[batches.length - 1];
  return {
    broker,
    role,
    leaderEpoch: 1,
    highWatermark,
    logStartOffset: 0,
    logEndOffset: last === undefined ? 0 : last.baseOffset + last.records.length,
    batchAt,
    valueAt: (offset) => {
      const found = batchAt(offset);
      return found?.records[offset - found.baseOffset]?.value;
    },
    batches: () => batches,
  };
}

function view(replicas: ReplicaView[], isr: string[]): ClusterView {
  const state = { leader: replicas.find((r) => r.role === "leader")?.broker ?? null, isr } as unknown as PartitionState;
  return {
    brokerIds: replicas.map((r) => r.broker),
    partitionNames: () => [PARTITION],
    replica: (broker) => replicas.find((r) => r.broker === broker),
    controllerState: () => state,
  };
}

describe("log-divergence", () => {
  it("fires when two replicas differ below both high watermarks, naming the offset", () => {
    const shared = batch(0, ["a", "b"]);
    const invariant = new LogDivergence();
    invariant.finish(view([replica("b0", "leader", [shared, batch(2, ["c"])], 3), replica("b1", "follower", [shared, batch(2, ["x"])], 3)], ["b0", "b1"]), 9, 1);
    expect(invariant.violations.map((v) => [v.check, v.offsets, v.values])).toEqual([["log-divergence", [2], ["c", "x"]]]);
  });

  it("is quiet when they differ only above a high watermark", () => {
    const shared = batch(0, ["a", "b"]);
    const invariant = new LogDivergence();
    invariant.finish(view([replica("b0", "leader", [shared, batch(2, ["c"])], 3), replica("b1", "follower", [shared, batch(2, ["x"])], 2)], ["b0", "b1"]), 9, 1);
    expect(invariant.violations).toEqual([]);
  });
});

describe("isr-completeness", () => {
  it("fires when an ISR member lacks a record below the leader's high watermark", () => {
    const shared = batch(0, ["a", "b"]);
    const invariant = new IsrCompleteness();
    invariant.finish(view([replica("b0", "leader", [shared, batch(2, ["c"])], 3), replica("b1", "follower", [shared], 2)], ["b0", "b1"]), 9, 1);
    expect(invariant.violations.map((v) => [v.check, v.offsets, v.values])).toEqual([["isr-completeness", [2], ["c"]]]);
  });

  it("is quiet when the lagging replica is out of the ISR", () => {
    const shared = batch(0, ["a", "b"]);
    const invariant = new IsrCompleteness();
    invariant.finish(view([replica("b0", "leader", [shared, batch(2, ["c"])], 3), replica("b1", "follower", [shared], 2)], ["b0"]), 9, 1);
    expect(invariant.violations).toEqual([]);
  });
});

describe("hw-regression", () => {
  let index = 0;
  const hw = (node: string, highWatermark: number, leaderEpoch: number, leader = true): TraceEvent => ({
    index: index++,
    timeUs: index * 1000,
    kind: "hw",
    node,
    detail: { partition: PARTITION, highWatermark, leaderEpoch, leader },
  });
  const becomeFollower = (node: string): TraceEvent => ({ index: index++, timeUs: index * 1000, kind: "become-follower", node, detail: { partition: PARTITION } });

  it("fires when a leader lowers its high watermark within one epoch", () => {
    const invariant = new HwRegression();
    for (const event of [hw("b0", 5, 1), hw("b0", 7, 1), hw("b0", 6, 1)]) invariant.onEvent(event);
    expect(invariant.violations.map((v) => [v.check, v.offsets])).toEqual([["hw-regression", [7, 6]]]);
  });

  it("is quiet across epochs, for followers, per broker, and after the broker stepped down", () => {
    const invariant = new HwRegression();
    const events = [
      hw("b0", 7, 1),
      hw("b0", 3, 2), // a new epoch starts afresh
      hw("b1", 1, 2, false), // a follower's HW is not judged
      hw("b1", 2, 2), // another broker has its own record
      becomeFollower("b0"),
      hw("b0", 1, 2), // led again: nothing remembered from before
    ];
    for (const event of events) invariant.onEvent(event);
    invariant.finish();
    expect(invariant.violations).toEqual([]);
  });
});
