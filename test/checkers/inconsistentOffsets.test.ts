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

  it("reports an acknowledged offset the log holds with another value, even when the value sits elsewhere", () => {
    // The producer was told p1-0-000042 is at offset 17; the final log has another value there and
    // p1-0-000042 two offsets on. No read disagrees with another, the value is not lost, not read twice.
    const h = new HistoryBuilder();
    h.at(2).ack("producer-p1-0", "orders-2", 17, "p1-0-000042", { leader: "broker-1" });
    const drain = h.at(9).drain([
      ["orders-2", 17, "p2-0-000007"],
      ["orders-2", 18, "p2-0-000008"],
      ["orders-2", 19, "p1-0-000042"],
    ]);
    const checks = ["inconsistent-offsets", "lost-write", "duplicate"] as const;
    expect(checkHistory(h.ops, checks, contextOf({ drainComplete: ["orders-2"] }))).toEqual([
      {
        check: "inconsistent-offsets",
        partition: "orders-2",
        offsets: [17],
        values: ["p1-0-000042", "p2-0-000007"],
        timeUs: 9_000_000,
        traceIndex: drain.traceIndex,
        message:
          "orders-2 offset 17 was acknowledged to producer-p1-0 as p1-0-000042 and read as p2-0-000007 (the first disagreeing read by drain at 9.000 s)",
      },
    ]);
  });

  it("is silent when a read agrees with the acknowledged offset, and ignores acks with no offset", () => {
    const h = new HistoryBuilder();
    h.at(1).ack("producer-p1-0", "orders-2", 17, "p1-0-000042");
    h.at(1).ack("producer-p1-0", "orders-2", -1, "p1-0-000043"); // acks=0, or a duplicate answered without its offset
    h.at(9).drain([
      ["orders-2", 17, "p1-0-000042"],
      ["orders-2", 18, "p1-0-000043"],
    ]);
    expect(checkHistory(h.ops, ["inconsistent-offsets"], contextOf())).toEqual([]);
  });

  it("reports an acknowledgement that disagrees with an earlier read, stamped with the ack", () => {
    const h = new HistoryBuilder();
    h.at(1).poll("consumer-billing-1", "billing", 1, [["orders-2", 17, "p2-0-000007"]]);
    const ack = h.at(2).ack("producer-p1-0", "orders-2", 17, "p1-0-000042");
    const [violation] = checkHistory(h.ops, ["inconsistent-offsets"], contextOf());
    expect(violation?.traceIndex).toBe(ack.traceIndex);
    expect(violation?.message).toBe(
      "orders-2 offset 17 was read as p2-0-000007 and acknowledged to producer-p1-0 as p1-0-000042 (the first disagreeing acknowledgement to producer-p1-0 at 2.000 s)",
    );
  });
});
