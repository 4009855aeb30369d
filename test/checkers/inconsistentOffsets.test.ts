import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { HistoryBuilder, contextOf } from "./historyBuilder";

/** A consumer reads offset 17 of orders-2 from a leader that is later truncated; the drain reads it again. */
function rereadAfterFailover(drainValue: string) {
  const h = new HistoryBuilder();
  h.at(2).poll("consumer-billing-1", "billing", 1, [["orders-2", 17, "p1-0-000042"]]);
  const drain = h.at(4.12).drain([["orders-2", 17, drainValue]]);
  return { h, drain };
}

describe("inconsistent-offsets", () => {
  it("reports one offset read with two values", () => {
    const { h, drain } = rereadAfterFailover("p2-0-000007");
    expect(checkHistory(h.ops, ["inconsistent-offsets"], contextOf())).toEqual([
      {
        check: "inconsistent-offsets",
        partition: "orders-2",
        offsets: [17],
        values: ["p1-0-000042", "p2-0-000007"],
        timeUs: 4_120_000,
        traceIndex: drain.traceIndex,
        message:
          "orders-2 offset 17 was read as p1-0-000042 and as p2-0-000007 (the first disagreeing read by drain at 4.120 s)",
      },
    ]);
  });

  it("is silent when every read of the offset agrees", () => {
    const { h } = rereadAfterFailover("p1-0-000042");
    expect(checkHistory(h.ops, ["inconsistent-offsets"], contextOf())).toEqual([]);
  });

  it("keeps partitions apart", () => {
    const h = new HistoryBuilder();
    h.at(1).drain([
      ["orders-1", 17, "p1-0-000001"],
      ["orders-2", 17, "p1-0-000002"],
    ]);
    expect(checkHistory(h.ops, ["inconsistent-offsets"], contextOf())).toEqual([]);
  });
});
