import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { HistoryBuilder, contextOf } from "./historyBuilder";

describe("duplicate, log scope", () => {
  /** A retry without idempotence appends p1-0-000042 again at offset 19, or not. */
  function retried(appendedTwice: boolean) {
    const h = new HistoryBuilder();
    h.at(1).ack("producer-p1-0", "orders-2", 19, "p1-0-000042");
    h.at(2).poll("consumer-billing-1", "billing", 1, [["orders-2", 17, "p1-0-000042"]]);
    const second = h.at(4.12).drain([
      ["orders-2", 17, "p1-0-000042"],
      ["orders-2", 18, "p1-0-000043"],
      ["orders-2", 19, appendedTwice ? "p1-0-000042" : "p1-0-000044"],
    ]);
    return { h, second };
  }

  it("reports one value read at two offsets", () => {
    const { h, second } = retried(true);
    expect(checkHistory(h.ops, ["duplicate"], contextOf())).toEqual([
      {
        check: "duplicate",
        scope: "log",
        partition: "orders-2",
        offsets: [17, 19],
        values: ["p1-0-000042"],
        timeUs: 4_120_000,
        traceIndex: second.traceIndex,
        message:
          "p1-0-000042 is stored at offsets 17 and 19 of orders-2 (the second seen at 4.120 s by drain)",
      },
    ]);
  });

  it("is silent when every read of the value is at one offset", () => {
    const { h } = retried(false);
    expect(checkHistory(h.ops, ["duplicate"], contextOf())).toEqual([]);
  });

  it("names both partitions when a value shows up in two", () => {
    const h = new HistoryBuilder();
    h.at(1).drain([
      ["orders-2", 17, "p1-0-000042"],
      ["orders-3", 4, "p1-0-000042"],
    ]);
    const [violation] = checkHistory(h.ops, ["duplicate"], contextOf());
    expect(violation?.message).toBe(
      "p1-0-000042 is stored at orders-2 offset 17 and orders-3 offset 4 (the second seen at 1.000 s by drain)",
    );
  });
});

describe("duplicate, sink scope", () => {
  /** billing processes offset 17 of orders-2, crashes before committing, and a new owner processes it again. */
  function redelivered(secondApplied: boolean) {
    const h = new HistoryBuilder();
    h.at(1).process("consumer-billing-1", "billing", 1, ["orders-2", 17, "p1-0-000042"]);
    const again = h
      .at(6.5)
      .process("consumer-billing-2", "billing", 2, ["orders-2", 17, "p1-0-000042"], secondApplied);
    h.at(7).process("consumer-audit-1", "audit", 1, ["orders-2", 17, "p1-0-000042"]);
    return { h, again };
  }

  it("reports a value one group applied twice", () => {
    const { h, again } = redelivered(true);
    expect(checkHistory(h.ops, ["duplicate"], contextOf())).toEqual([
      {
        check: "duplicate",
        scope: "sink",
        partition: "orders-2",
        offsets: [17, 17],
        values: ["p1-0-000042"],
        timeUs: 6_500_000,
        traceIndex: again.traceIndex,
        message:
          "p1-0-000042 (orders-2 offset 17) was processed 2 times by group billing (again at 6.500 s by consumer-billing-2)",
      },
    ]);
  });

  it("is silent for an idempotent sink that ignored the repeat", () => {
    const { h } = redelivered(false);
    expect(checkHistory(h.ops, ["duplicate"], contextOf())).toEqual([]);
  });

  it("asserts only the scopes the scenario names", () => {
    const { h } = redelivered(true);
    expect(checkHistory(h.ops, ["duplicate"], contextOf({ scopes: { duplicate: ["log"] } }))).toEqual([]);
  });
});
