import { describe, expect, it } from "vitest";
import { msToMicros } from "../../src/kernel/time";
import { BrokerDisk, type PartitionStore } from "../../src/storage/brokerDisk";
import { loadEpochCache, loadProducerState } from "../../src/storage/partitionRecovery";
import { makeBatch } from "./batches";
import { logConfig } from "./logConfigs";

const secondUs = msToMicros(1000);

describe("BrokerDisk", () => {
  it("creates partitions idempotently and lists them sorted", () => {
    const disk = new BrokerDisk(30_000);
    const first = disk.createPartition("orders-1", logConfig());
    disk.createPartition("audit-0", logConfig());
    expect(disk.createPartition("orders-1", logConfig({ segmentBytes: 10 }))).toBe(first);
    expect(disk.partitionNames()).toEqual(["audit-0", "orders-1"]);
    expect(disk.partition("orders-1")).toBe(first);
    expect(disk.partition("missing-0")).toBeUndefined();
  });

  it("the machine's writeback delay overrides the one in the log config", () => {
    const disk = new BrokerDisk(5_000);
    const store = disk.createPartition("t-0", logConfig({}, { osDirtyExpireMs: 30_000 }));
    expect(store.log.config.durability.osDirtyExpireMs).toBe(5_000);
    store.log.append(makeBatch(0), 0);
    disk.powerLoss(6 * secondUs);
    expect(store.log.logEndOffset).toBe(1);
  });

  it("a power loss hits every log, and synced checkpoints survive it", () => {
    const disk = new BrokerDisk(30_000);
    const a = disk.createPartition("a-0", logConfig());
    const b = disk.createPartition("b-0", logConfig({}, { flushMessages: 1 }));
    a.log.append(makeBatch(0), 0);
    b.log.append(makeBatch(0), 0);
    disk.highWatermarkCheckpoint.write({ "a-0": 1, "b-0": 1 }, 0);
    disk.logStartOffsetCheckpoint.write({ "a-0": 0, "b-0": 0 }, 0);
    a.epochCheckpoint.write([{ epoch: 0, startOffset: 0 }], 0);
    disk.powerLoss(secondUs);
    expect([a.log.logEndOffset, b.log.logEndOffset]).toEqual([0, 1]);
    expect(disk.highWatermarkCheckpoint.read()).toEqual({ "a-0": 1, "b-0": 1 });
    expect(disk.logStartOffsetCheckpoint.read()).toEqual({ "a-0": 0, "b-0": 0 });
    expect(a.epochCheckpoint.read()).toEqual([{ epoch: 0, startOffset: 0 }]);
  });

  it("a kill loses nothing: a restarted broker recovers everything from the same disk", () => {
    const disk = new BrokerDisk(30_000);
    const store = disk.createPartition("t-0", logConfig());
    store.log.append(makeBatch(0, { leaderEpoch: 1, producerId: 7, producerEpoch: 0, baseSequence: 0 }), 0);
    store.epochCheckpoint.write([{ epoch: 1, startOffset: 0 }], 0);
    // No powerLoss: the process died and a new incarnation reads the disk.
    expect(store.log.logEndOffset).toBe(1);
    expect(loadEpochCache(store, 0).entries()).toEqual([{ epoch: 1, startOffset: 0 }]);
    expect(loadProducerState(store).check(7, 0, 0, 1)).toEqual({
      kind: "duplicate",
      baseOffset: 0,
      lastOffset: 0,
    });
  });
});

/** Epoch 1 (offsets 0-4) flushed, epoch 2 (5-9) not; the checkpoint names both; then the power goes. */
function epochTwoLostToPowerLoss(): PartitionStore {
  const disk = new BrokerDisk(30_000);
  const store = disk.createPartition("t-0", logConfig());
  store.log.append(makeBatch(0, { recordCount: 5, leaderEpoch: 1 }), 0);
  store.log.flush(0);
  store.log.append(makeBatch(5, { recordCount: 5, leaderEpoch: 2 }), secondUs);
  store.epochCheckpoint.write(
    [
      { epoch: 1, startOffset: 0 },
      { epoch: 2, startOffset: 5 },
    ],
    secondUs,
  );
  disk.powerLoss(2 * secondUs);
  return store;
}

describe("loadEpochCache", () => {
  it("truncates checkpointed epochs to the log that survived a power loss", () => {
    const store = epochTwoLostToPowerLoss();
    expect(store.log.logEndOffset).toBe(5);
    expect(store.epochCheckpoint.read()).toHaveLength(2);
    expect(loadEpochCache(store, 3 * secondUs).entries()).toEqual([{ epoch: 1, startOffset: 0 }]);
  });

  it("writes the trimmed cache back, as Kafka's loader does, so a stale epoch cannot return once the log regrows", () => {
    const store = epochTwoLostToPowerLoss();
    loadEpochCache(store, 3 * secondUs);
    expect(store.epochCheckpoint.read()).toEqual([{ epoch: 1, startOffset: 0 }]);
    // The replica follows a leader whose epoch 1 runs on past offset 5 (no new epoch, so no write);
    // after a kill, the reload must not attribute offsets 5+ to epoch 2.
    store.log.append(makeBatch(5, { recordCount: 5, leaderEpoch: 1 }), 4 * secondUs);
    expect(loadEpochCache(store, 5 * secondUs).entries()).toEqual([{ epoch: 1, startOffset: 0 }]);
  });

  it("moves the first epoch up to the log start offset", () => {
    const disk = new BrokerDisk(30_000);
    const store = disk.createPartition("t-0", logConfig());
    store.log.truncateFullyAndStartAt(20);
    store.log.append(makeBatch(20, { leaderEpoch: 3 }), 0);
    store.epochCheckpoint.write(
      [
        { epoch: 2, startOffset: 0 },
        { epoch: 3, startOffset: 20 },
      ],
      0,
    );
    expect(loadEpochCache(store, 0).entries()).toEqual([{ epoch: 3, startOffset: 20 }]);
  });

  it("an unwritten checkpoint gives an empty cache", () => {
    const store = new BrokerDisk(30_000).createPartition("t-0", logConfig());
    expect(loadEpochCache(store, 0).entries()).toEqual([]);
  });
});
