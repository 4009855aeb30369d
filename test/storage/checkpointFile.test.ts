import { describe, expect, it } from "vitest";
import { msToMicros } from "../../src/kernel/time";
import { CheckpointFile } from "../../src/storage/checkpointFile";

const secondUs = msToMicros(1000);

describe("CheckpointFile", () => {
  it("reads undefined before the first write", () => {
    const file = new CheckpointFile<number[]>({ sync: true, osDirtyExpireMs: 30_000 });
    expect(file.read()).toBeUndefined();
    file.powerLoss(0);
    expect(file.read()).toBeUndefined();
  });

  it("sync: a write survives a power loss at once", () => {
    const file = new CheckpointFile<Record<string, number>>({ sync: true, osDirtyExpireMs: 30_000 });
    file.write({ "t-0": 5 }, 0);
    file.write({ "t-0": 9 }, secondUs);
    file.powerLoss(secondUs);
    expect(file.read()).toEqual({ "t-0": 9 });
  });

  it("async: reads see the latest write, a power loss keeps only what was written back", () => {
    const file = new CheckpointFile<Record<string, number>>({ sync: false, osDirtyExpireMs: 30_000 });
    file.write({ "t-0": 1 }, 0);
    file.write({ "t-0": 2 }, 10 * secondUs);
    file.write({ "t-0": 3 }, 20 * secondUs);
    expect(file.read()).toEqual({ "t-0": 3 });
    file.powerLoss(35 * secondUs); // only the write at 0 s is 30 s old
    expect(file.read()).toEqual({ "t-0": 1 });
  });

  it("async: nothing written back means the file is as if never written", () => {
    const file = new CheckpointFile<number>({ sync: false, osDirtyExpireMs: 30_000 });
    file.write(7, 0);
    file.powerLoss(29 * secondUs);
    expect(file.read()).toBeUndefined();
  });

  it("a per-write sync override (Kafka's async truncation writes of the epoch file)", () => {
    const file = new CheckpointFile<number>({ sync: true, osDirtyExpireMs: 30_000 });
    file.write(1, 0);
    file.write(2, secondUs, false);
    expect(file.read()).toBe(2);
    file.powerLoss(2 * secondUs);
    expect(file.read()).toBe(1);
    file.write(3, 3 * secondUs, false);
    file.powerLoss(33 * secondUs);
    expect(file.read()).toBe(3);
  });

  it("a sync write supersedes older pending async writes", () => {
    const file = new CheckpointFile<number>({ sync: false, osDirtyExpireMs: 30_000 });
    file.write(1, 0);
    file.write(2, secondUs, true);
    file.powerLoss(60 * secondUs);
    expect(file.read()).toBe(2);
  });

  it("stores and returns copies: callers' mutations do not reach the disk", () => {
    const file = new CheckpointFile<{ epoch: number }[]>({ sync: true, osDirtyExpireMs: 30_000 });
    const value = [{ epoch: 1 }];
    file.write(value, 0);
    value[0]!.epoch = 99;
    value.push({ epoch: 100 });
    const read = file.read()!;
    expect(read).toEqual([{ epoch: 1 }]);
    read[0]!.epoch = 42;
    expect(file.read()).toEqual([{ epoch: 1 }]);
  });
});
