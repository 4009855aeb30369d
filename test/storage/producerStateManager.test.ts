import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PartitionLog } from "../../src/storage/partitionLog";
import {
  PRODUCER_BATCHES_KEPT,
  ProducerStateManager,
  type SequenceCheck,
} from "../../src/storage/producerStateManager";
import {
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  type RecordBatch,
} from "../../src/storage/recordBatch";
import { MAX_SEQUENCE } from "../../src/storage/sequenceNumber";
import { makeBatch } from "./batches";
import { logConfig } from "./logConfigs";

const PID = 1000;

/** A leader: check, then append and update on "append"; answers what the broker would. */
class Leader {
  readonly log = new PartitionLog(logConfig());
  readonly state = new ProducerStateManager();

  produce(producerId: number, producerEpoch: number, baseSequence: number, recordCount = 1): SequenceCheck {
    const verdict = this.state.check(producerId, producerEpoch, baseSequence, recordCount);
    if (verdict.kind !== "append") return verdict;
    const batch = makeBatch(this.log.logEndOffset, { producerId, producerEpoch, baseSequence, recordCount });
    this.log.append(batch, 0);
    this.state.update(batch);
    return verdict;
  }
}

describe("ProducerStateManager.check", () => {
  it("PRODUCER_BATCHES_KEPT is Kafka's 5", () => {
    expect(PRODUCER_BATCHES_KEPT).toBe(5);
  });

  it("accepts an unknown producer id at any sequence (Kafka: no state, no sequence check)", () => {
    const state = new ProducerStateManager();
    expect(state.check(PID, 0, 0, 1)).toEqual({ kind: "append" });
    expect(state.check(PID, 0, 17, 3)).toEqual({ kind: "append" });
    expect(state.lastSequence(PID)).toBeUndefined();
  });

  it("a retried batch is a duplicate and gets its original offsets", () => {
    const leader = new Leader();
    leader.produce(PID, 0, 0, 3); // offsets 0-2, seq 0-2
    leader.produce(PID, 0, 3, 2); // offsets 3-4, seq 3-4
    expect(leader.produce(PID, 0, 0, 3)).toEqual({ kind: "duplicate", baseOffset: 0, lastOffset: 2 });
    expect(leader.produce(PID, 0, 3, 2)).toEqual({ kind: "duplicate", baseOffset: 3, lastOffset: 4 });
    expect(leader.log.logEndOffset).toBe(5);
  });

  it("a duplicate must match the whole sequence range", () => {
    const leader = new Leader();
    leader.produce(PID, 0, 0, 3);
    expect(leader.produce(PID, 0, 0, 2)).toEqual({ kind: "out-of-order", expectedSequence: 3 });
  });

  it("a gap is out of order and names the expected sequence", () => {
    const leader = new Leader();
    leader.produce(PID, 0, 0, 2);
    expect(leader.produce(PID, 0, 5)).toEqual({ kind: "out-of-order", expectedSequence: 2 });
    expect(leader.produce(PID, 0, 2)).toEqual({ kind: "append" });
    expect(leader.state.lastSequence(PID)).toBe(2);
  });

  it("an older producer epoch is fenced, even for a batch that was appended", () => {
    const leader = new Leader();
    leader.produce(PID, 0, 0);
    leader.produce(PID, 1, 0);
    expect(leader.produce(PID, 0, 1)).toEqual({ kind: "fenced", currentEpoch: 1 });
    expect(leader.produce(PID, 0, 0)).toEqual({ kind: "fenced", currentEpoch: 1 });
  });

  it("a bumped epoch must start at sequence 0 and resets the kept batches", () => {
    const leader = new Leader();
    leader.produce(PID, 0, 0);
    leader.produce(PID, 0, 1);
    expect(leader.produce(PID, 1, 2)).toEqual({ kind: "out-of-order", expectedSequence: 0 });
    expect(leader.produce(PID, 1, 0)).toEqual({ kind: "append" });
    expect(leader.state.producerEpoch(PID)).toBe(1);
    expect(leader.produce(PID, 1, 0)).toEqual({ kind: "duplicate", baseOffset: 2, lastOffset: 2 });
  });

  it("only the last 5 batches deduplicate; an older retry is out of order", () => {
    const leader = new Leader();
    for (let sequence = 0; sequence < 6; sequence++) leader.produce(PID, 0, sequence);
    expect(leader.produce(PID, 0, 0)).toEqual({ kind: "out-of-order", expectedSequence: 6 });
    expect(leader.produce(PID, 0, 1)).toEqual({ kind: "duplicate", baseOffset: 1, lastOffset: 1 });
    expect(leader.produce(PID, 0, 5)).toEqual({ kind: "duplicate", baseOffset: 5, lastOffset: 5 });
  });

  it("sequences wrap from 2^31-1 to 0", () => {
    const leader = new Leader();
    leader.produce(PID, 0, MAX_SEQUENCE - 1, 2); // seq MAX-1, MAX
    expect(leader.state.lastSequence(PID)).toBe(MAX_SEQUENCE);
    expect(leader.produce(PID, 0, 1)).toEqual({ kind: "out-of-order", expectedSequence: 0 });
    expect(leader.produce(PID, 0, 0, 3)).toEqual({ kind: "append" });
    expect(leader.state.lastSequence(PID)).toBe(2);
    leader.produce(PID, 0, MAX_SEQUENCE, 1); // not next: refused
    expect(leader.state.lastSequence(PID)).toBe(2);
  });

  it("a batch spanning the wrap deduplicates", () => {
    const leader = new Leader();
    leader.produce(PID, 0, MAX_SEQUENCE - 1, 4); // MAX-1, MAX, 0, 1
    expect(leader.state.lastSequence(PID)).toBe(1);
    expect(leader.produce(PID, 0, MAX_SEQUENCE - 1, 4)).toEqual({
      kind: "duplicate",
      baseOffset: 0,
      lastOffset: 3,
    });
  });

  it("producers are independent", () => {
    const leader = new Leader();
    leader.produce(PID, 0, 0);
    leader.produce(PID + 1, 0, 0);
    expect(leader.produce(PID + 1, 0, 0)).toEqual({ kind: "duplicate", baseOffset: 1, lastOffset: 1 });
    expect(leader.produce(PID, 0, 1)).toEqual({ kind: "append" });
  });

  it("non-idempotent batches are always appended and leave no state", () => {
    const leader = new Leader();
    expect(leader.produce(NO_PRODUCER_ID, NO_PRODUCER_EPOCH, NO_SEQUENCE)).toEqual({ kind: "append" });
    expect(leader.produce(NO_PRODUCER_ID, NO_PRODUCER_EPOCH, NO_SEQUENCE)).toEqual({ kind: "append" });
    expect(leader.log.logEndOffset).toBe(2);
    expect(leader.state.producerCount).toBe(0);
  });
});

describe("ProducerStateManager on followers and after truncation", () => {
  it("a follower fed the leader's batches deduplicates the same retries", () => {
    const leader = new Leader();
    leader.produce(PID, 0, 0, 2);
    leader.produce(PID, 0, 2, 2);
    const follower = new ProducerStateManager();
    for (const batch of leader.log.batches()) follower.update(batch);
    expect(follower.check(PID, 0, 2, 2)).toEqual({ kind: "duplicate", baseOffset: 2, lastOffset: 3 });
    expect(follower.check(PID, 0, 4, 1)).toEqual({ kind: "append" });
  });

  it("update takes the log's word, even for an older epoch (replication origin)", () => {
    const state = new ProducerStateManager();
    state.update(makeBatch(0, { producerId: PID, producerEpoch: 2, baseSequence: 0 }));
    state.update(makeBatch(1, { producerId: PID, producerEpoch: 1, baseSequence: 7 }));
    expect(state.producerEpoch(PID)).toBe(1);
    expect(state.lastSequence(PID)).toBe(7);
  });

  it("rebuild after truncation forgets the truncated batches", () => {
    const leader = new Leader();
    leader.produce(PID, 0, 0); // offset 0
    leader.produce(PID, 0, 1); // offset 1
    leader.produce(PID, 0, 2); // offset 2
    leader.log.truncateTo(2);
    leader.state.rebuild(leader.log.batches());
    expect(leader.state.lastSequence(PID)).toBe(1);
    expect(leader.produce(PID, 0, 1)).toEqual({ kind: "duplicate", baseOffset: 1, lastOffset: 1 });
    expect(leader.produce(PID, 0, 2)).toEqual({ kind: "append" }); // the retry is appended again, at 2
    expect(leader.log.logEndOffset).toBe(3);
  });

  it("rebuild from the log gives the same answers as incremental updates (property)", () => {
    const batchArbitrary = fc.record({
      producerId: fc.integer({ min: 0, max: 2 }),
      producerEpoch: fc.integer({ min: 0, max: 2 }),
      baseSequence: fc.integer({ min: 0, max: 12 }),
      recordCount: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(batchArbitrary, { maxLength: 40 }),
        fc.nat(40),
        fc.array(batchArbitrary, { maxLength: 20 }),
        (produced, truncateBack, queries) => {
          const leader = new Leader();
          for (const p of produced)
            leader.produce(p.producerId, p.producerEpoch, p.baseSequence, p.recordCount);
          leader.log.truncateTo(Math.max(0, leader.log.logEndOffset - truncateBack));
          const incremental = new ProducerStateManager();
          const survivors: RecordBatch[] = [...leader.log.batches()];
          for (const batch of survivors) incremental.update(batch);
          leader.state.rebuild(survivors);
          for (const q of queries) {
            expect(leader.state.check(q.producerId, q.producerEpoch, q.baseSequence, q.recordCount)).toEqual(
              incremental.check(q.producerId, q.producerEpoch, q.baseSequence, q.recordCount),
            );
          }
        },
      ),
    );
  });
});
