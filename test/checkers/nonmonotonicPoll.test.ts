import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { HistoryBuilder, contextOf, recordsFrom } from "./historyBuilder";

describe("nonmonotonic-poll", () => {
  /** consumer-billing-1 reads offsets 16..17, then a poll in the same generation returns `nextOffset`. */
  function pollsThen(nextOffset: number, generation = 3) {
    const h = new HistoryBuilder();
    h.at(1).poll("consumer-billing-1", "billing", 3, recordsFrom("orders-2", 16, ["v16", "v17"]));
    const next = h
      .at(4.12)
      .poll("consumer-billing-1", "billing", generation, [["orders-2", nextOffset, `v${nextOffset}`]]);
    return { h, next };
  }

  it("reports a poll that went back within one ownership", () => {
    const { h, next } = pollsThen(15);
    expect(checkHistory(h.ops, ["nonmonotonic-poll"], contextOf())).toEqual([
      {
        check: "nonmonotonic-poll",
        partition: "orders-2",
        offsets: [17, 15],
        values: ["v17", "v15"],
        timeUs: 4_120_000,
        traceIndex: next.traceIndex,
        message:
          "consumer-billing-1 (group billing, generation 3) polled offset 15 of orders-2 after already receiving offset 17",
      },
    ]);
  });

  it("reports an offset returned twice", () => {
    const { h } = pollsThen(17);
    expect(
      checkHistory(h.ops, ["nonmonotonic-poll"], contextOf()).map((violation) => violation.offsets),
    ).toEqual([[17, 17]]);
  });

  it("is silent when polls move forward, or a new generation starts over", () => {
    expect(checkHistory(pollsThen(18).h.ops, ["nonmonotonic-poll"], contextOf())).toEqual([]);
    expect(checkHistory(pollsThen(15, 4).h.ops, ["nonmonotonic-poll"], contextOf())).toEqual([]);
  });

  it("counts one rewind once, and a second rewind again", () => {
    const h = new HistoryBuilder();
    h.at(1).poll("consumer-billing-1", "billing", 1, recordsFrom("orders-0", 0, ["a", "b", "c", "d"]));
    h.at(2).poll("consumer-billing-1", "billing", 1, recordsFrom("orders-0", 1, ["b", "c", "d", "e"]));
    h.at(3).poll("consumer-billing-1", "billing", 1, recordsFrom("orders-0", 2, ["c"]));
    expect(
      checkHistory(h.ops, ["nonmonotonic-poll"], contextOf()).map((violation) => violation.offsets),
    ).toEqual([
      [3, 1],
      [4, 2],
    ]);
  });

  it("judges the drain per (client, partition)", () => {
    const h = new HistoryBuilder();
    h.at(1).drain([["orders-0", 5, "a"]]);
    h.at(2).drain([["orders-0", 4, "b"]], "drain-2");
    h.at(3).drain([["orders-0", 5, "a"]]);
    const violations = checkHistory(h.ops, ["nonmonotonic-poll"], contextOf());
    expect(violations.map((violation) => violation.message)).toEqual([
      "drain reader drain polled offset 5 of orders-0 after already receiving offset 5",
    ]);
  });

  // A coordinator that fails over between JoinGroup and the stored SyncGroup reloads the last
  // stored generation and hands it out again (Kafka's classic coordinator stores a generation only
  // with its assignment): a member that revoked generation 3 can be assigned generation 3 anew.
  it("starts a new ownership at a new assignment, even in the same generation", () => {
    const h = new HistoryBuilder();
    h.at(1).membership("assign", "consumer-billing-1", "billing", 3, ["orders-2"]);
    h.at(2).poll("consumer-billing-1", "billing", 3, recordsFrom("orders-2", 16, ["v16", "v17"]));
    h.at(3).membership("revoke", "consumer-billing-1", "billing", 3, ["orders-2"]);
    h.at(4).membership("assign", "consumer-billing-1", "billing", 3, ["orders-2"]);
    h.at(4.1).resume("consumer-billing-1", "billing", 3, "orders-2", 16, 16);
    h.at(5).poll("consumer-billing-1", "billing", 3, recordsFrom("orders-2", 16, ["v16", "v17"]));
    expect(checkHistory(h.ops, ["nonmonotonic-poll"], contextOf())).toEqual([]);
  });
});
