import { describe, expect, it } from "vitest";
import { batchSizeBytes, lastOffsetOf, withBaseOffset } from "../../src/storage/recordBatch";
import { makeBatch } from "./batches";

describe("recordBatch", () => {
  it("last offset covers every record", () => {
    expect(lastOffsetOf(makeBatch(10, { recordCount: 3 }))).toBe(12);
    expect(lastOffsetOf(makeBatch(0))).toBe(0);
  });

  it("size is the 61-byte header plus 10 + key + value per record", () => {
    expect(batchSizeBytes(makeBatch(0))).toBe(100);
    expect(batchSizeBytes(makeBatch(0, { recordCount: 3, valueBytes: 5 }))).toBe(61 + 3 * 15);
    const keyed = { ...makeBatch(0), records: [{ key: "abc", value: "de" }] };
    expect(batchSizeBytes(keyed)).toBe(61 + 10 + 3 + 2);
  });

  it("withBaseOffset moves the batch and keeps the rest", () => {
    const batch = makeBatch(0, { recordCount: 2, leaderEpoch: 4 });
    const moved = withBaseOffset(batch, 42);
    expect(moved.baseOffset).toBe(42);
    expect(lastOffsetOf(moved)).toBe(43);
    expect(moved.leaderEpoch).toBe(4);
    expect(moved.records).toBe(batch.records);
    expect(batch.baseOffset).toBe(0);
  });
});
