import { describe, expect, it } from "vitest";
import { InvariantViolation } from "../../src/kernel/assert";
import {
  LeaderEpochCache,
  UNDEFINED_EPOCH,
  UNDEFINED_EPOCH_OFFSET,
} from "../../src/storage/leaderEpochCache";

function cacheOf(...entries: [number, number][]): LeaderEpochCache {
  return LeaderEpochCache.fromSnapshot(entries.map(([epoch, startOffset]) => ({ epoch, startOffset })));
}

function pairs(cache: LeaderEpochCache): [number, number][] {
  return cache.entries().map((entry) => [entry.epoch, entry.startOffset]);
}

describe("LeaderEpochCache.assign", () => {
  it("starts empty with an undefined latest epoch", () => {
    const cache = new LeaderEpochCache();
    expect(cache.latestEpoch()).toBe(UNDEFINED_EPOCH);
    expect(cache.latestEntry()).toBeUndefined();
  });

  it("appends newer epochs and ignores a repeat of the latest at the same or a later offset", () => {
    const cache = new LeaderEpochCache();
    expect(cache.assign(1, 0)).toBe(true);
    expect(cache.assign(1, 5)).toBe(false);
    expect(cache.assign(1, 0)).toBe(false);
    expect(cache.assign(3, 10)).toBe(true);
    expect(pairs(cache)).toEqual([
      [1, 0],
      [3, 10],
    ]);
    expect(cache.latestEpoch()).toBe(3);
    expect(cache.latestEntry()).toEqual({ epoch: 3, startOffset: 10 });
  });

  it("the latest epoch moving earlier replaces its entry", () => {
    const cache = cacheOf([1, 0], [3, 10]);
    expect(cache.assign(3, 8)).toBe(true);
    expect(pairs(cache)).toEqual([
      [1, 0],
      [3, 8],
    ]);
  });

  it("removes conflicting entries (epoch ≥ new or start offset ≥ new start) first", () => {
    const cache = cacheOf([1, 0], [2, 5], [4, 10]);
    cache.assign(5, 5); // entries starting at ≥ 5 conflict
    expect(pairs(cache)).toEqual([
      [1, 0],
      [5, 5],
    ]);
    cache.assign(3, 20); // an older epoch than the latest drops the newer ones, as in Kafka
    expect(pairs(cache)).toEqual([
      [1, 0],
      [3, 20],
    ]);
  });

  it("rejects a negative epoch or offset", () => {
    expect(() => new LeaderEpochCache().assign(-1, 0)).toThrow(InvariantViolation);
    expect(() => new LeaderEpochCache().assign(0, -1)).toThrow(InvariantViolation);
  });
});

describe("LeaderEpochCache.endOffsetFor", () => {
  const cache = cacheOf([1, 0], [3, 10], [6, 25]);
  const logEndOffset = 40;

  it("the latest epoch ends at the log end offset", () => {
    expect(cache.endOffsetFor(6, logEndOffset)).toEqual({ epoch: 6, endOffset: 40 });
  });

  it("an earlier known epoch ends where the next one starts", () => {
    expect(cache.endOffsetFor(1, logEndOffset)).toEqual({ epoch: 1, endOffset: 10 });
    expect(cache.endOffsetFor(3, logEndOffset)).toEqual({ epoch: 3, endOffset: 25 });
  });

  it("an epoch between entries answers the largest epoch below it, ending where the next starts", () => {
    expect(cache.endOffsetFor(2, logEndOffset)).toEqual({ epoch: 1, endOffset: 10 });
    expect(cache.endOffsetFor(5, logEndOffset)).toEqual({ epoch: 3, endOffset: 25 });
  });

  it("an epoch below the first answers itself with the first entry's start", () => {
    expect(cacheOf([2, 7], [4, 9]).endOffsetFor(1, logEndOffset)).toEqual({ epoch: 1, endOffset: 7 });
  });

  it("undefined, unknown-newer, and empty-cache requests answer undefined", () => {
    const undefinedAnswer = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    expect(cache.endOffsetFor(UNDEFINED_EPOCH, logEndOffset)).toEqual(undefinedAnswer);
    expect(cache.endOffsetFor(7, logEndOffset)).toEqual(undefinedAnswer);
    expect(new LeaderEpochCache().endOffsetFor(0, logEndOffset)).toEqual(undefinedAnswer);
  });
});

describe("LeaderEpochCache truncation", () => {
  it("truncateFromEnd drops entries starting at or after the end offset", () => {
    const cache = cacheOf([1, 0], [3, 10], [6, 25]);
    cache.truncateFromEnd(26);
    expect(pairs(cache)).toHaveLength(3);
    cache.truncateFromEnd(25);
    expect(pairs(cache)).toEqual([
      [1, 0],
      [3, 10],
    ]);
    cache.truncateFromEnd(0);
    expect(pairs(cache)).toEqual([]);
  });

  it("truncateFromEnd with a negative offset is ignored", () => {
    const cache = cacheOf([1, 0]);
    cache.truncateFromEnd(-1);
    expect(pairs(cache)).toEqual([[1, 0]]);
  });

  it("truncateFromStart keeps the epoch covering the new start, moved to it", () => {
    const cache = cacheOf([1, 0], [3, 10], [6, 25]);
    cache.truncateFromStart(5);
    expect(pairs(cache)).toEqual([
      [1, 5],
      [3, 10],
      [6, 25],
    ]);
    cache.truncateFromStart(10); // exclusive: an entry at the start offset is kept
    expect(pairs(cache)).toEqual([
      [3, 10],
      [6, 25],
    ]);
    cache.truncateFromStart(30);
    expect(pairs(cache)).toEqual([[6, 30]]);
  });

  it("snapshot is a copy and fromSnapshot restores it", () => {
    const cache = cacheOf([1, 0], [3, 10]);
    const snapshot = cache.snapshot();
    cache.assign(4, 20);
    expect(snapshot).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 3, startOffset: 10 },
    ]);
    expect(pairs(LeaderEpochCache.fromSnapshot(snapshot))).toEqual([
      [1, 0],
      [3, 10],
    ]);
  });
});
