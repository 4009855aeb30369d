import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LogSegment } from "../../src/storage/logSegment";
import { batchSizeBytes, lastOffsetOf, type RecordBatch } from "../../src/storage/recordBatch";
import { makeBatch } from "./batches";

function fill(segment: LogSegment, recordCounts: readonly number[], valueBytes = 29): RecordBatch[] {
  const appended: RecordBatch[] = [];
  let offset = segment.baseOffset;
  recordCounts.forEach((recordCount, i) => {
    const batch = makeBatch(offset, { recordCount, valueBytes });
    segment.append(batch, batchSizeBytes(batch), i * 10);
    appended.push(batch);
    offset += recordCount;
  });
  return appended;
}

/** The plain model: scan every batch. */
function modelFind(batches: readonly RecordBatch[], offset: number): number {
  const found = batches.findIndex((batch) => lastOffsetOf(batch) >= offset);
  return found < 0 ? batches.length : found;
}

describe("LogSegment", () => {
  it("indexes once more than indexIntervalBytes were written since the last entry", () => {
    const segment = new LogSegment(100, 200);
    fill(segment, [1, 1, 1, 1, 1, 1, 1]); // 100 bytes each
    // Entries before batches 3 and 6: 300 bytes since the last entry is "more than 200", 200 is not.
    expect(segment.indexEntryCount).toBe(2);
    expect(segment.sizeBytes).toBe(700);
    expect(segment.nextOffset).toBe(107);
    expect(segment.firstAppendUs).toBe(0);
    expect(segment.lastAppendUs).toBe(60);
  });

  it("findBatchIndex finds the batch containing an offset, or the end", () => {
    const segment = new LogSegment(50, 0);
    fill(segment, [3, 1, 4]); // offsets 50-52, 53, 54-57
    expect(segment.findBatchIndex(49)).toBe(0);
    expect(segment.findBatchIndex(52)).toBe(0);
    expect(segment.findBatchIndex(53)).toBe(1);
    expect(segment.findBatchIndex(56)).toBe(2);
    expect(segment.findBatchIndex(58)).toBe(3);
  });

  it("index lookup agrees with a linear scan for every offset (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 40 }),
        (baseOffset, recordCounts, indexIntervalBytes, valueBytes) => {
          const segment = new LogSegment(baseOffset, indexIntervalBytes);
          const batches = fill(segment, recordCounts, valueBytes);
          const end = segment.nextOffset;
          for (let offset = baseOffset - 1; offset <= end; offset++) {
            expect(segment.findBatchIndex(offset)).toBe(modelFind(batches, offset));
          }
        },
      ),
    );
  });

  it("truncation drops batches, their bytes and their index entries", () => {
    const segment = new LogSegment(0, 150);
    fill(segment, [1, 1, 1, 1, 1, 1]);
    expect(segment.indexEntryCount).toBe(2);
    expect(segment.truncateFromPosition(3)).toBe(300);
    expect(segment.batchCount).toBe(3);
    expect(segment.sizeBytes).toBe(300);
    expect(segment.nextOffset).toBe(3);
    expect(segment.indexEntryCount).toBe(1);
    expect(segment.findBatchIndex(2)).toBe(2);
    expect(segment.findBatchIndex(5)).toBe(3);
    expect(segment.truncateFromPosition(7)).toBe(0);
  });

  it("finds the last batch appended by a time", () => {
    const segment = new LogSegment(0, 4096);
    fill(segment, [1, 1, 1]); // appended at 0, 10, 20
    expect(segment.lastPositionAppendedBy(-1)).toBe(-1);
    expect(segment.lastPositionAppendedBy(0)).toBe(0);
    expect(segment.lastPositionAppendedBy(19)).toBe(1);
    expect(segment.lastPositionAppendedBy(99)).toBe(2);
  });
});
