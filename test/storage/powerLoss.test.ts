import { describe, expect, it } from "vitest";
import { msToMicros } from "../../src/kernel/time";
import { writebackDelayUs } from "../../src/storage/durability";
import { PartitionLog } from "../../src/storage/partitionLog";
import { makeBatch, offsetsOf } from "./batches";
import { logConfig } from "./logConfigs";

const secondUs = msToMicros(1000);

function appendAt(log: PartitionLog, nowUs: number, recordCount = 1): void {
  log.append(makeBatch(log.logEndOffset, { recordCount }), nowUs);
}

describe("power loss and the page cache", () => {
  it("with Kafka's defaults, nothing flushed and nothing written back: the log comes back empty", () => {
    const log = new PartitionLog(logConfig());
    appendAt(log, 0, 3);
    appendAt(log, secondUs, 2);
    expect(log.durableEndOffset).toBe(0);
    log.powerLoss(2 * secondUs);
    expect([log.logEndOffset, log.sizeBytes]).toEqual([0, 0]);
    expect([...log.batches()]).toEqual([]);
  });

  it("flush.messages = 1 loses nothing", () => {
    const log = new PartitionLog(logConfig({}, { flushMessages: 1 }));
    for (let i = 0; i < 5; i++) appendAt(log, i);
    expect(log.durableEndOffset).toBe(5);
    log.powerLoss(10);
    expect(log.logEndOffset).toBe(5);
  });

  it("flush.messages = 3 flushes when three messages are unflushed, whole batches only", () => {
    const log = new PartitionLog(logConfig({}, { flushMessages: 3 }));
    appendAt(log, 0); // 1 unflushed
    appendAt(log, 0); // 2
    expect(log.durableEndOffset).toBe(0);
    appendAt(log, 0); // 3: flush
    expect(log.durableEndOffset).toBe(3);
    appendAt(log, 0, 2); // 2 unflushed
    appendAt(log, 0); // 3: flush
    expect(log.durableEndOffset).toBe(6);
    appendAt(log, 0);
    log.powerLoss(1);
    expect(log.logEndOffset).toBe(6);
  });

  it("writeback: a batch older than os.dirty.expire.ms survives, a younger one is lost", () => {
    const log = new PartitionLog(logConfig({}, { osDirtyExpireMs: 30_000 }));
    appendAt(log, 0, 2); // offsets 0-1
    appendAt(log, 10 * secondUs); // offset 2
    appendAt(log, 25 * secondUs); // offset 3
    expect(writebackDelayUs(log.config.durability)).toBe(30 * secondUs);
    log.powerLoss(40 * secondUs); // 0 and 10 s are ≥ 30 s old; 25 s is not
    expect(offsetsOf([...log.batches()])).toEqual([0, 2]);
    expect([log.logEndOffset, log.durableEndOffset]).toEqual([3, 3]);
  });

  it("writeback is judged inclusive: exactly os.dirty.expire.ms old survives", () => {
    const log = new PartitionLog(logConfig({}, { osDirtyExpireMs: 30_000 }));
    appendAt(log, 0);
    appendAt(log, 1);
    log.powerLoss(30 * secondUs);
    expect(log.logEndOffset).toBe(1);
  });

  it("flush.ms alone flushes nothing: it is the broker's log flusher that applies it", () => {
    const log = new PartitionLog(logConfig({}, { flushMs: 1000 }));
    appendAt(log, 0);
    appendAt(log, 500_000);
    log.powerLoss(1_200_000);
    expect(log.logEndOffset).toBe(0);
  });

  it("keeps the time of the last flush, by any cause, and restarts that clock when asked", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 250 }, { flushMessages: 3 }));
    log.startFlushClock(7);
    expect(log.lastFlushUs).toBe(7);
    appendAt(log, 10);
    appendAt(log, 20);
    expect(log.lastFlushUs).toBe(7);
    appendAt(log, 30); // roll
    expect(log.lastFlushUs).toBe(30);
    log.flush(40);
    expect(log.lastFlushUs).toBe(40);
    log.flush(50); // nothing new since: the clock stays (Kafka's LocalLog.markFlushed)
    expect(log.lastFlushUs).toBe(40);
  });

  it("an explicit flush makes everything so far durable", () => {
    const log = new PartitionLog(logConfig());
    appendAt(log, 0, 4);
    log.flush(0);
    appendAt(log, 1);
    expect(log.durableEndOffset).toBe(4);
    log.powerLoss(2);
    expect(log.logEndOffset).toBe(4);
  });

  it("a segment roll flushes the old segments (Kafka's flush-log on roll)", () => {
    const log = new PartitionLog(logConfig({ segmentBytes: 250 }));
    for (let i = 0; i < 5; i++) appendAt(log, i); // segments [0,1] [2,3] [4]
    expect(log.durableEndOffset).toBe(4);
    log.powerLoss(10);
    expect(log.logEndOffset).toBe(4);
    expect(log.segments().map((segment) => segment.baseOffset)).toEqual([0, 2, 4]);
  });

  it("a kill (no power loss) loses nothing: the log object is the disk", () => {
    const log = new PartitionLog(logConfig());
    appendAt(log, 0, 3);
    // The broker process dies and restarts; nothing calls powerLoss.
    expect(log.logEndOffset).toBe(3);
    expect(log.read(0, 3, 1e9)).toHaveLength(1);
  });

  it("truncation is durable at once and is not undone by a power loss", () => {
    const log = new PartitionLog(logConfig());
    appendAt(log, 0, 5);
    appendAt(log, 0, 5);
    log.flush(0);
    log.truncateTo(5);
    expect(log.durableEndOffset).toBe(5);
    log.powerLoss(1);
    expect(log.logEndOffset).toBe(5);
  });

  it("batches written after a truncation are judged by their own append time", () => {
    const log = new PartitionLog(logConfig());
    appendAt(log, 0); // offset 0, written back by 30 s
    appendAt(log, 0); // offset 1
    log.truncateTo(1);
    appendAt(log, 100 * secondUs); // new offset 1
    log.powerLoss(100 * secondUs + 1);
    expect(log.logEndOffset).toBe(1);
    expect(log.lastBatch()?.baseOffset).toBe(0);
  });

  it("appends continue normally after a power loss", () => {
    const log = new PartitionLog(logConfig({}, { flushMessages: 1 }));
    appendAt(log, 0);
    log.powerLoss(1);
    appendAt(log, 2);
    expect(log.logEndOffset).toBe(2);
  });
});
