import { describe, expect, it } from "vitest";
import type { ReplicaView } from "../../../src/checkers/replica/clusterView";
import { firstMismatch } from "../../../src/checkers/replica/firstMismatch";
import type { RecordBatch } from "../../../src/storage/recordBatch";

function batch(baseOffset: number, values: string[]): RecordBatch {
  return { baseOffset, leaderEpoch: 0, producerId: -1, producerEpoch: -1, baseSequence: -1, records: values.map((value) => ({ key: null, value })) };
}

/** A replica holding `batches`; counts how many single values were looked up. */
function replica(batches: RecordBatch[]): ReplicaView & { valueLookups: number } {
  const batchAt = (offset: number) => batches.find((b) => offset >= b.baseOffset && offset < b.baseOffset + b.records.length);
  const end = batches.length === 0 ? 0 : batches[batches.length - 1]!.baseOffset + batches[batches.length - 1]!.records.length;
  const view = {
    broker: "b",
    role: "follower" as const,
    leaderEpoch: 0,
    highWatermark: end,
    logStartOffset: 0,
    logEndOffset: end,
    valueLookups: 0,
    batchAt,
    valueAt(offset: number) {
      view.valueLookups++;
      const found = batchAt(offset);
      return found?.records[offset - found.baseOffset]?.value;
    },
    batches: () => batches,
  };
  return view;
}

describe("firstMismatch", () => {
  it("skips a batch object both replicas hold without reading its records", () => {
    const shared = [batch(0, ["a", "b", "c"]), batch(3, ["d", "e"])];
    const a = replica(shared);
    const b = replica([...shared]);
    expect(firstMismatch(a, b, 0, 5)).toBeUndefined();
    expect(a.valueLookups + b.valueLookups).toBe(0);
  });

  it("compares equal copies value by value", () => {
    expect(firstMismatch(replica([batch(0, ["a", "b"])]), replica([batch(0, ["a", "b"])]), 0, 2)).toBeUndefined();
  });

  it("finds the first differing offset after a shared prefix", () => {
    const shared = batch(0, ["a", "b"]);
    const a = replica([shared, batch(2, ["c", "d"])]);
    const b = replica([shared, batch(2, ["c", "x"])]);
    expect(firstMismatch(a, b, 0, 4)).toBe(3);
  });

  it("a missing record is a mismatch, and the range bounds the search", () => {
    const a = replica([batch(0, ["a", "b", "c"])]);
    const b = replica([batch(0, ["a"])]);
    expect(firstMismatch(a, b, 0, 3)).toBe(1);
    expect(firstMismatch(a, b, 0, 1)).toBeUndefined();
  });

  it("a shared batch that runs past the range end stops the search", () => {
    const shared = batch(0, ["a", "b", "c", "d"]);
    expect(firstMismatch(replica([shared]), replica([shared]), 1, 3)).toBeUndefined();
  });
});
