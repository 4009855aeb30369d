import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvariantViolation } from "../../src/kernel/assert";
import { msToMicros } from "../../src/kernel/time";
import { DEFAULT_LOG_CONFIG, PartitionLog } from "../../src/storage/partitionLog";
import { batchSizeBytes, lastOffsetOf, type RecordBatch } from "../../src/storage/recordBatch";
import { makeBatch, offsetsOf } from "./batches";
import { logConfig } from "./logConfigs";

/** Appends one-record 100-byte batches (unless told otherwise), `stepUs` apart from `startUs`. */
function appendMany(log: PartitionLog, recordCounts: readonly number[], startUs = 0, stepUs = 0): void {
  recordCounts.forEach((recordCount, i) => {
    log.append(makeBatch(log.logEndOffset, { recordCount }), startUs + i * stepUs);
  });
}

function segmentBases(log: PartitionLog): number[] {
  return log.segments().map((segment) => segment.baseOffset);
}

describe("PartitionLog config", () => {
  it("has Kafka's defaults", () => {
    expect(DEFAULT_LOG_CONFIG).toEqual({
      segmentBytes: 1073741824,
      segmentMs: 604800000,
      retentionMs: 604800000,
      retentionBytes: -1,
      indexIntervalBytes: 4096,
      durability: { flushMessages: null, flushMs: null, osDirtyExpireMs: 30000 },
    });
  });

  it("rejects a bad setting by name", () => {
    expect(() => new PartitionLog(logConfig({ segmentBytes: 0 }))).toThrow(/segmentBytes/);
    expect(() => new PartitionLog(logConfig({}, { flushMessages: 0 }))).toThrow(/flushMessages/);
  });
});

describe("PartitionLog append and roll", () => {
  it("starts empty at offset 0 and appends contiguously", () => {
    const log = new PartitionLog(DEFAULT_LOG_CONFIG);
    expect([log.logStartOffset, log.logEndOffset, log.sizeBytes]).toEqual([0, 0, 0]);
    appendMany(log, [3, 2]);
    expect(log.logEndOffset).toBe(5);
    expect(log.sizeBytes).toBe(
      batchSizeBytes(makeBatch(0, { recordCount: 3 })) + batchSizeBytes(makeBatch(0, { recordCount: 2 })),
    );
    expect(offsetsOf([...log.batches()])).toEqual([0, 3]);
  });

  it("refuses a batch that does not start at the log end offset, or time going back", () => {
    const log = new PartitionLog(DEFAULT_LOG_CONFIG);
    appendMany(log, [1]);
    expect(() => log.append(makeBatch(5), 0)).toThrow(InvariantViolation);
    log.append(makeBatch(1), 10);
    expect(() => log.append(makeBatch(2), 9)).toThrow(InvariantViolation);
  });

  it("rolls when the next batch would pass segment.bytes", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 250 }));
    appendMany(log, [1, 1, 1, 1, 1]);
    expect(segmentBases(log)).toEqual([0, 2, 4]);
    expect(log.segments().map((segment) => segment.sizeBytes)).toEqual([200, 200, 100]);
  });

  it("puts an oversized batch alone in a segment: an empty segment never rolls", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 150 }));
    log.append(makeBatch(0, { valueBytes: 500 }), 0);
    log.append(makeBatch(1, { valueBytes: 500 }), 0);
    expect(segmentBases(log)).toEqual([0, 1]);
  });

  it("rolls when the segment's first append is more than segment.ms old", () => {
    const log = new PartitionLog(logConfig({ segmentMs: 1000 }));
    log.append(makeBatch(0), 0);
    log.append(makeBatch(1), msToMicros(1000)); // exactly segment.ms: no roll (Kafka uses >)
    log.append(makeBatch(2), msToMicros(1000) + 1);
    log.append(makeBatch(3), msToMicros(1500));
    log.append(makeBatch(4), msToMicros(2001));
    expect(segmentBases(log)).toEqual([0, 2, 4]);
  });
});

describe("PartitionLog read", () => {
  // Batches: [0-2] [3] [4-5] [6] [7-9], in segments of at most 2 batches.
  function sampleLog(): PartitionLog {
    const log = new PartitionLog(logConfig({ segmentBytes: 300, indexIntervalBytes: 0 }));
    appendMany(log, [3, 1, 2, 1, 3]);
    return log;
  }

  it("returns whole batches from the one containing fromOffset", () => {
    const log = sampleLog();
    expect(offsetsOf(log.read(0, 10, 1e9))).toEqual([0, 3, 4, 6, 7]);
    expect(offsetsOf(log.read(5, 10, 1e9))).toEqual([4, 6, 7]);
    expect(offsetsOf(log.read(9, 10, 1e9))).toEqual([7]);
  });

  it("stops before a batch that ends at or past endOffsetExclusive", () => {
    const log = sampleLog();
    expect(offsetsOf(log.read(0, 6, 1e9))).toEqual([0, 3, 4]);
    expect(offsetsOf(log.read(0, 5, 1e9))).toEqual([0, 3]);
    expect(offsetsOf(log.read(0, 2, 1e9))).toEqual([]);
    expect(offsetsOf(log.read(4, 4, 1e9))).toEqual([]);
  });

  it("returns nothing at or past the log end", () => {
    const log = sampleLog();
    expect(log.read(10, 100, 1e9)).toEqual([]);
    expect(log.read(50, 100, 1e9)).toEqual([]);
  });

  it("honours maxBytes but always returns the first batch", () => {
    const log = sampleLog();
    const sizes = [...log.batches()].map(batchSizeBytes);
    expect(offsetsOf(log.read(0, 10, 1))).toEqual([0]);
    expect(offsetsOf(log.read(0, 10, sizes[0]! + sizes[1]!))).toEqual([0, 3]);
    expect(offsetsOf(log.read(0, 10, sizes[0]! + sizes[1]! - 1))).toEqual([0]);
    expect(offsetsOf(log.read(6, 10, 0))).toEqual([6]);
  });

  it("agrees with a plain array model (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 50 }),
        fc.integer({ min: 100, max: 1000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.tuple(fc.nat(120), fc.nat(120), fc.nat(1500)), { minLength: 1, maxLength: 20 }),
        (recordCounts, segmentBytes, indexIntervalBytes, queries) => {
          const log = new PartitionLog(logConfig({ segmentBytes, indexIntervalBytes }));
          appendMany(log, recordCounts);
          const all = [...log.batches()];
          for (const [fromOffset, endOffset, maxBytes] of queries) {
            expect(log.read(fromOffset, endOffset, maxBytes)).toEqual(
              modelRead(all, fromOffset, endOffset, maxBytes),
            );
          }
        },
      ),
    );
  });

  it("finds the batch containing an offset, and the last batch", () => {
    const log = sampleLog();
    expect(log.batchContaining(5)?.baseOffset).toBe(4);
    expect(log.batchContaining(0)?.baseOffset).toBe(0);
    expect(log.batchContaining(9)?.baseOffset).toBe(7);
    expect(log.batchContaining(10)).toBeUndefined();
    expect(log.lastBatch()?.baseOffset).toBe(7);
    expect(new PartitionLog(DEFAULT_LOG_CONFIG).lastBatch()).toBeUndefined();
  });
});

function modelRead(
  all: readonly RecordBatch[],
  fromOffset: number,
  endOffset: number,
  maxBytes: number,
): RecordBatch[] {
  const result: RecordBatch[] = [];
  let bytes = 0;
  for (const batch of all) {
    if (lastOffsetOf(batch) < fromOffset) continue;
    if (lastOffsetOf(batch) >= endOffset) break;
    if (result.length > 0 && bytes + batchSizeBytes(batch) > maxBytes) break;
    result.push(batch);
    bytes += batchSizeBytes(batch);
  }
  return result;
}

describe("PartitionLog truncateTo", () => {
  function sampleLog(): PartitionLog {
    const log = new PartitionLog(logConfig({ segmentBytes: 300 }));
    appendMany(log, [3, 1, 2, 1, 3]); // [0-2] [3] | [4-5] [6] | [7-9]
    return log;
  }

  it("at a batch boundary keeps everything below it", () => {
    const log = sampleLog();
    expect(log.truncateTo(6)).toBe(6);
    expect(offsetsOf([...log.batches()])).toEqual([0, 3, 4]);
    expect(log.lastBatch()?.baseOffset).toBe(4);
  });

  it("inside a batch drops that whole batch", () => {
    const log = sampleLog();
    expect(log.truncateTo(8)).toBe(7);
    expect(log.truncateTo(1)).toBe(0);
    expect(log.logEndOffset).toBe(0);
    expect(log.sizeBytes).toBe(0);
  });

  it("drops whole segments, keeps sizes right, and accepts appends after", () => {
    const log = sampleLog();
    expect(segmentBases(log)).toEqual([0, 4, 7]);
    expect(log.truncateTo(4)).toBe(4);
    expect(segmentBases(log)).toEqual([0, 4]);
    expect(log.sizeBytes).toBe([...log.batches()].reduce((sum, batch) => sum + batchSizeBytes(batch), 0));
    log.append(makeBatch(4, { recordCount: 2 }), 0);
    expect(log.logEndOffset).toBe(6);
    expect(log.batchContaining(5)?.records.length).toBe(2);
  });

  it("at or past the end changes nothing", () => {
    const log = sampleLog();
    expect(log.truncateTo(10)).toBe(10);
    expect(log.truncateTo(99)).toBe(10);
    expect(offsetsOf([...log.batches()])).toEqual([0, 3, 4, 6, 7]);
  });

  it("below the log start empties the log and restarts it there", () => {
    const log = new PartitionLog(DEFAULT_LOG_CONFIG);
    log.truncateFullyAndStartAt(50);
    appendMany(log, [2]);
    expect(log.truncateTo(10)).toBe(10);
    expect([log.logStartOffset, log.logEndOffset, log.sizeBytes]).toEqual([10, 10, 0]);
  });

  it("truncateFullyAndStartAt empties the log at a new start", () => {
    const log = sampleLog();
    log.truncateFullyAndStartAt(100);
    expect([log.logStartOffset, log.logEndOffset, log.sizeBytes, log.durableEndOffset]).toEqual([
      100, 100, 0, 100,
    ]);
    expect(segmentBases(log)).toEqual([100]);
    log.append(makeBatch(100), 0);
    expect(log.read(0, 1000, 1e9).map((batch) => batch.baseOffset)).toEqual([100]);
  });
});

describe("PartitionLog retention", () => {
  const minuteUs = msToMicros(60_000);

  it("deletes segments whose last append is older than retention.ms; the active one only once the HW reaches the log end", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 250, retentionMs: 60_000 }));
    appendMany(log, [1, 1, 1, 1, 1], 0, minuteUs); // segments [0,1] [2,3] [4], appended at 0..4 min
    expect(segmentBases(log)).toEqual([0, 2, 4]);
    const highWatermark = 4; // the last record is not committed yet
    expect(log.enforceRetention(2 * minuteUs, highWatermark)).toBe(0); // segment 0 last appended at 1 min: exactly 1 min old
    expect(log.enforceRetention(2 * minuteUs + 1, highWatermark)).toBe(2);
    expect(log.logStartOffset).toBe(2);
    expect(segmentBases(log)).toEqual([2, 4]);
    expect(log.enforceRetention(100 * minuteUs, highWatermark)).toBe(2);
    expect(segmentBases(log)).toEqual([4]);
    expect(log.logStartOffset).toBe(4);
    expect(log.sizeBytes).toBe(100);
    expect(log.read(0, 10, 1e9).map((batch) => batch.baseOffset)).toEqual([4]);
    expect(log.batchContaining(1)).toBeUndefined();
  });

  it("deletes an expired active segment once it is all committed, rolling an empty one at the log end first (Kafka's deleteSegments)", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 250, retentionMs: 60_000 }));
    appendMany(log, [1, 1, 1, 1, 1], 0, minuteUs); // segments [0,1] [2,3] [4]
    expect(log.enforceRetention(100 * minuteUs, 5)).toBe(5);
    expect([log.logStartOffset, log.logEndOffset, log.sizeBytes]).toEqual([5, 5, 0]);
    expect(segmentBases(log)).toEqual([5]);
    expect(log.read(0, 10, 1e9)).toEqual([]);
    expect(log.enforceRetention(200 * minuteUs, 5)).toBe(0); // an empty last segment is never deleted
    log.append(makeBatch(5), 200 * minuteUs);
    expect(offsetsOf([...log.batches()])).toEqual([5]);
  });

  it("keeps everything with retention.ms = -1", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 250, retentionMs: -1 }));
    appendMany(log, [1, 1, 1, 1, 1]);
    expect(log.enforceRetention(1e15)).toBe(0);
    expect(log.logStartOffset).toBe(0);
  });

  it("deletes oldest segments while the log stays at least retention.bytes (Kafka's rule)", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 250, retentionBytes: 250 }));
    appendMany(log, [1, 1, 1, 1, 1, 1, 1]); // 4 segments: 200 200 200 100 = 700 bytes
    expect(log.enforceRetention(0)).toBe(4); // 700 → 500 → 300; a third deletion would leave 100 < 250
    expect([log.logStartOffset, log.sizeBytes]).toEqual([4, 300]);
    expect(segmentBases(log)).toEqual([4, 6]);
  });

  it("with retention.bytes = 0 keeps the active segment while it holds uncommitted records, and deletes it once it does not", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 250, retentionBytes: 0 }));
    appendMany(log, [1, 1, 1, 1, 1]);
    expect(log.enforceRetention(0, 4)).toBe(4);
    expect(segmentBases(log)).toEqual([4]);
    expect(log.enforceRetention(0, 5)).toBe(1);
    expect([log.logStartOffset, log.logEndOffset]).toEqual([5, 5]);
  });

  it("deletes only segments entirely below the high watermark", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 250, retentionBytes: 0 }));
    appendMany(log, [1, 1, 1, 1, 1]); // segments [0,1] [2,3] [4]
    expect(log.enforceRetention(0, 3)).toBe(2);
    expect(log.logStartOffset).toBe(2);
    expect(log.enforceRetention(0, 4)).toBe(2);
    expect(log.logStartOffset).toBe(4);
  });
});

describe("PartitionLog against a model (property)", () => {
  type Op =
    | { kind: "append"; recordCount: number; valueBytes: number }
    | { kind: "truncate"; back: number }
    | { kind: "retain"; highWatermarkBack: number };

  const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("append" as const),
        recordCount: fc.integer({ min: 1, max: 4 }),
        valueBytes: fc.nat(80),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), back: fc.nat(8) }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("retain" as const), highWatermarkBack: fc.nat(6) }),
    },
  );

  it("keeps the same batches, offsets and sizes as a plain array", () => {
    fc.assert(
      fc.property(
        fc.array(opArbitrary, { maxLength: 80 }),
        fc.integer({ min: 100, max: 600 }),
        fc.integer({ min: 0, max: 800 }),
        (ops, segmentBytes, retentionBytes) => {
          const log = new PartitionLog(logConfig({ segmentBytes, retentionBytes, indexIntervalBytes: 150 }));
          let model: RecordBatch[] = [];
          let modelStart = 0;
          for (const op of ops) {
            if (op.kind === "append") {
              const batch = makeBatch(log.logEndOffset, op);
              log.append(batch, 0);
              model.push(batch);
            } else if (op.kind === "truncate") {
              const target = Math.max(log.logStartOffset, log.logEndOffset - op.back);
              log.truncateTo(target);
              model = model.filter((batch) => lastOffsetOf(batch) < target);
            } else {
              const highWatermark = log.logEndOffset - op.highWatermarkBack;
              const deleted = log.enforceRetention(0, highWatermark);
              expect(log.logStartOffset).toBe(modelStart + deleted);
              if (deleted > 0) {
                expect(log.logStartOffset).toBeLessThanOrEqual(highWatermark);
                expect(log.sizeBytes).toBeGreaterThanOrEqual(retentionBytes);
              }
              modelStart = log.logStartOffset;
              model = model.filter((batch) => batch.baseOffset >= modelStart);
            }
            const modelEnd = model.length === 0 ? modelStart : lastOffsetOf(model[model.length - 1]!) + 1;
            expect(offsetsOf([...log.batches()])).toEqual(offsetsOf(model));
            expect(log.logEndOffset).toBe(Math.max(modelEnd, log.logStartOffset));
            expect(log.sizeBytes).toBe(model.reduce((sum, batch) => sum + batchSizeBytes(batch), 0));
            expect(log.read(modelStart, log.logEndOffset, 1e9)).toEqual(model);
          }
        },
      ),
    );
  });
});
