import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { HistoryBuilder, contextOf } from "./historyBuilder";

/** A send of p1-0-000042 ends `outcome` at 2.31 s; a consumer reads it at offset 17 at 4.12 s. */
function sentThenRead(outcome: "fail" | "info" | "ok") {
  const h = new HistoryBuilder();
  const send = h.at(2).send("producer-p1-0", "orders-2", "p1-0-000042");
  h.at(2.31);
  if (outcome === "ok") h.ok(send, 17);
  else if (outcome === "info") h.info(send);
  else h.fail(send, "NOT_ENOUGH_REPLICAS");
  const read = h.at(4.12).poll("consumer-billing-1", "billing", 1, [["orders-2", 17, "p1-0-000042"]]);
  return { h, read };
}

describe("g1a", () => {
  it("reports a read of a value whose send definitely failed", () => {
    const { h, read } = sentThenRead("fail");
    expect(checkHistory(h.ops, ["g1a"], contextOf())).toEqual([
      {
        check: "g1a",
        partition: "orders-2",
        offsets: [17],
        values: ["p1-0-000042"],
        timeUs: 4_120_000,
        traceIndex: read.traceIndex,
        message:
          "consumer-billing-1 read p1-0-000042 at offset 17 of orders-2 at 4.120 s, but its send failed (NOT_ENOUGH_REPLICAS) at 2.310 s",
      },
    ]);
  });

  it("is silent for a send that succeeded or whose outcome is unknown", () => {
    expect(checkHistory(sentThenRead("ok").h.ops, ["g1a"], contextOf())).toEqual([]);
    expect(checkHistory(sentThenRead("info").h.ops, ["g1a"], contextOf())).toEqual([]);
  });

  it("catches a read made before the producer learned of the failure, once per value", () => {
    const h = new HistoryBuilder();
    const send = h.at(2).send("producer-p1-0", "orders-2", "p1-0-000042");
    const read = h.at(3).poll("consumer-billing-1", "billing", 1, [["orders-2", 17, "p1-0-000042"]]);
    h.at(3.5).drain([["orders-2", 17, "p1-0-000042"]]);
    h.at(4).fail(send, "NOT_ENOUGH_REPLICAS");
    h.at(5).drain([["orders-2", 17, "p1-0-000042"]]);
    const violations = checkHistory(h.ops, ["g1a"], contextOf());
    expect(violations.map((violation) => [violation.timeUs, violation.traceIndex])).toEqual([
      [3_000_000, read.traceIndex],
    ]);
  });
});
