import { describe, expect, it } from "vitest";
import { checkHistory, createHistoryCheckers } from "../../src/checkers";
import type { CheckName } from "../../src/checkers/violation";
import { HistoryBuilder, contextOf } from "./historyBuilder";

describe("createHistoryCheckers", () => {
  it("makes one checker per client-visible anomaly named, in a fixed order, skipping replica invariants", () => {
    const names: CheckName[] = ["g1a", "lost-write", "committed-lost", "g1a", "liveness"];
    expect(createHistoryCheckers(names).map((checker) => checker.name)).toEqual(["lost-write", "g1a"]);
  });

  it("throws at once on an unknown check, naming itself", () => {
    expect(() => createHistoryCheckers(["lost-writes" as CheckName])).toThrow(
      /^createHistoryCheckers: unknown check "lost-writes"/,
    );
  });
});

describe("checkHistory", () => {
  it("streams the history once and sorts violations by time, then check, then partition", () => {
    const h = new HistoryBuilder();
    const failed = h.at(1).send("producer-p1-0", "orders-1", "p1-0-000001");
    h.fail(failed);
    h.at(2).poll("consumer-billing-1", "billing", 1, [
      ["orders-1", 0, "p1-0-000001"],
      ["orders-1", 1, "p1-0-000002"],
      ["orders-0", 5, "p1-0-000002"],
    ]);
    h.at(2).poll("consumer-billing-1", "billing", 1, [["orders-1", 0, "p9-0-000000"]]);
    let passes = 0;
    const ops = {
      *[Symbol.iterator]() {
        passes += 1;
        yield* h.ops;
      },
    };
    const violations = checkHistory(
      ops,
      ["g1a", "inconsistent-offsets", "duplicate", "nonmonotonic-poll"],
      contextOf(),
    );
    expect(passes).toBe(1);
    expect(violations.map((violation) => [violation.timeUs, violation.check, violation.partition])).toEqual([
      [2_000_000, "duplicate", "orders-1"],
      [2_000_000, "g1a", "orders-1"],
      [2_000_000, "inconsistent-offsets", "orders-1"],
      [2_000_000, "nonmonotonic-poll", "orders-1"],
    ]);
  });
});
