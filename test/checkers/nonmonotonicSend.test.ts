import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { HistoryBuilder, contextOf } from "./historyBuilder";

/**
 * In-flight reordering: producer-p1-0 sends batch 1 then batch 2; batch 2 lands at offset 16 while
 * batch 1 is retried. Batch 1's retry lands at `firstBatchOffset`.
 */
function twoBatches(firstBatchOffset: number, secondBatchOffset: number) {
  const h = new HistoryBuilder();
  const first = h.at(1.0).send("producer-p1-0", "orders-2", "p1-0-000001");
  const second = h.at(1.1).send("producer-p1-0", "orders-2", "p1-0-000002");
  h.at(1.2).ok(second, secondBatchOffset);
  const firstAck = h.at(2.31).ok(first, firstBatchOffset);
  return { h, firstAck };
}

describe("nonmonotonic-send", () => {
  it("reports a later send that got a lower offset, once both acks are in", () => {
    const { h, firstAck } = twoBatches(17, 16);
    expect(checkHistory(h.ops, ["nonmonotonic-send"], contextOf())).toEqual([
      {
        check: "nonmonotonic-send",
        partition: "orders-2",
        offsets: [17, 16],
        values: ["p1-0-000001", "p1-0-000002"],
        timeUs: 2_310_000,
        traceIndex: firstAck.traceIndex,
        message:
          "producer-p1-0 sent p1-0-000002 to orders-2 after p1-0-000001, yet it got offset 16, below 17",
      },
    ]);
  });

  it("is silent when offsets follow invoke order, whatever order the acks come in", () => {
    const { h } = twoBatches(16, 17);
    expect(checkHistory(h.ops, ["nonmonotonic-send"], contextOf())).toEqual([]);
  });

  it("does not compare two producers, or acks=0 sends", () => {
    const h = new HistoryBuilder();
    h.at(1).ack("producer-p1-0", "orders-2", 17, "p1-0-000001");
    h.at(2).ack("producer-p2-0", "orders-2", 16, "p2-0-000001");
    h.at(3).ack("producer-p1-0", "orders-2", -1, "p1-0-000002");
    expect(checkHistory(h.ops, ["nonmonotonic-send"], contextOf())).toEqual([]);
  });

  it("reports one reordering once, counting the other later sends that landed below it", () => {
    const h = new HistoryBuilder();
    const first = h.at(1).send("producer-p1-0", "orders-2", "p1-0-000001");
    h.at(1.1).ack("producer-p1-0", "orders-2", 10, "p1-0-000002");
    h.at(1.2).ack("producer-p1-0", "orders-2", 11, "p1-0-000003");
    h.at(2).ok(first, 12);
    const violations = checkHistory(h.ops, ["nonmonotonic-send"], contextOf());
    expect(violations.map((violation) => violation.message)).toEqual([
      "producer-p1-0 sent p1-0-000002 to orders-2 after p1-0-000001, yet it got offset 10, below 12; 1 more later send also landed below it",
    ]);
  });
});
