import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchCursor } from "../../../src/checkers/replica/batchCursor";
import { PartitionLog } from "../../../src/storage/partitionLog";
import { makeBatch } from "../../storage/batches";
import { logConfig } from "../../storage/logConfigs";

/** A log of batches with these record counts, in segments small enough that it has several. */
function logOf(recordCounts: readonly number[], startOffset = 0): PartitionLog {
  const log = new PartitionLog(logConfig({ segmentBytes: 300, indexIntervalBytes: 150 }));
  if (startOffset > 0) log.truncateFullyAndStartAt(startOffset);
  for (const recordCount of recordCounts) log.append(makeBatch(log.logEndOffset, { recordCount }), 0);
  return log;
}

describe("BatchCursor", () => {
  it("answers as the log's own lookup does, for offsets asked in any order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.integer({ min: -2, max: 130 }), { maxLength: 60 }),
        (recordCounts, startOffset, asked) => {
          const log = logOf(recordCounts, startOffset);
          const cursor = new BatchCursor(log);
          const ascending = [...asked].sort((a, b) => a - b);
          for (const offset of [...ascending, ...asked]) {
            const expected = offset < log.logStartOffset || offset >= log.logEndOffset ? undefined : log.batchContaining(offset);
            expect(cursor.batchAt(offset)).toBe(expected);
          }
        },
      ),
    );
  });

  it("walks a whole log in order and finds nothing past its end", () => {
    const log = logOf([3, 1, 2, 4, 1, 1, 2, 3, 3, 1]);
    expect(log.segments().length).toBeGreaterThan(1);
    const cursor = new BatchCursor(log);
    const bases: number[] = [];
    for (let offset = 0; offset < log.logEndOffset; offset++) bases.push(cursor.batchAt(offset)!.baseOffset);
    expect(bases).toEqual([0, 0, 0, 3, 4, 4, 6, 6, 6, 6, 10, 11, 12, 12, 14, 14, 14, 17, 17, 17, 20]);
    expect(cursor.batchAt(log.logEndOffset)).toBeUndefined();
  });
});
