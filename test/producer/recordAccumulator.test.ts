import { describe, expect, it } from "vitest";
import type { PendingRecord } from "../../src/producer/producerBatch";
import { RecordAccumulator } from "../../src/producer/recordAccumulator";

const LINGER_US = 5_000;
let opId = 0;
const record = (value = "v"): PendingRecord => ({ opId: ++opId, key: null, value, sizeBytes: 10 + value.length });

describe("RecordAccumulator.append: when the sender must look", () => {
  it("a new head batch is due when its linger ends; records joining it need no new wake-up", () => {
    const accumulator = new RecordAccumulator(16_384, LINGER_US);
    expect(accumulator.append("t", 0, record(), 1_000)).toBe(1_000 + LINGER_US);
    expect(accumulator.append("t", 0, record(), 2_000)).toBeUndefined();
    expect(accumulator.anyReady(5_999)).toBe(false);
    expect(accumulator.anyReady(6_000)).toBe(true);
  });

  it("a full batch makes the head ready at once", () => {
    const accumulator = new RecordAccumulator(61 + 2 * 11, LINGER_US);
    expect(accumulator.append("t", 0, record(), 0)).toBe(LINGER_US);
    expect(accumulator.append("t", 0, record(), 10)).toBe(10);
  });

  it("a second batch behind the head makes the head ready once; later records wake nothing", () => {
    const accumulator = new RecordAccumulator(61 + 11 + 5, LINGER_US);
    expect(accumulator.append("t", 0, record(), 0)).toBe(LINGER_US);
    expect(accumulator.append("t", 0, record(), 10)).toBe(10);
    // The head was ready before: an unsent ready head is held back, which no append can change.
    expect(accumulator.append("t", 0, record(), 20)).toBeUndefined();
  });

  it("partitions are independent", () => {
    const accumulator = new RecordAccumulator(16_384, LINGER_US);
    expect(accumulator.append("t", 0, record(), 0)).toBe(LINGER_US);
    expect(accumulator.append("t", 1, record(), 100)).toBe(100 + LINGER_US);
    expect(accumulator.readyHeads(LINGER_US).map((batch) => batch.partition)).toEqual([0]);
  });

  it("a retried head is ready only after its backoff; a record queued behind it does not change that", () => {
    const accumulator = new RecordAccumulator(16_384, LINGER_US);
    accumulator.append("t", 0, record(), 0);
    const batch = accumulator.takeHead("t-0")!;
    batch.attempts = 1;
    batch.retryAtUs = 50_000;
    accumulator.reenqueue(batch, true);
    expect(accumulator.append("t", 0, record(), 10_000)).toBeUndefined();
    expect(accumulator.nextReadyUs(10_000)).toBe(50_000);
    expect(accumulator.readyHeads(50_000)).toEqual([batch]);
  });
});
