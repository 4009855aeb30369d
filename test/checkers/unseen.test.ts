import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { HistoryBuilder, contextOf, recordsFrom } from "./historyBuilder";

/** Five sends acked at offsets 10..14 of orders-1; the drain reads `drainedCount` from offset 10. */
function ackedFive(drainedCount: number) {
  const h = new HistoryBuilder();
  const values = ["p1-0-000010", "p1-0-000011", "p1-0-000012", "p1-0-000013", "p1-0-000014"];
  const acks = values.map((value, position) =>
    h.at(1 + position).ack("producer-p1-0", "orders-1", 10 + position, value),
  );
  h.at(9).drain(recordsFrom("orders-1", 10, values.slice(0, drainedCount)));
  return { h, acks };
}

describe("unseen", () => {
  it("counts acked sends the drain stopped short of, per partition, with a few examples", () => {
    const { h, acks } = ackedFive(1);
    expect(checkHistory(h.ops, ["unseen", "lost-write"], contextOf())).toEqual([
      {
        check: "unseen",
        partition: "orders-1",
        offsets: [11, 12, 13],
        values: ["p1-0-000011", "p1-0-000012", "p1-0-000013"],
        timeUs: 2_000_000,
        traceIndex: acks[1]?.traceIndex,
        message:
          "4 acknowledged sends to orders-1 were never read by the drain (p1-0-000011, p1-0-000012, p1-0-000013 and 1 more); the drain read up to offset 10",
      },
    ]);
  });

  it("is silent when the drain read every acked send", () => {
    const { h } = ackedFive(5);
    expect(checkHistory(h.ops, ["unseen"], contextOf())).toEqual([]);
  });

  it("leaves to lost-write what the drain read past or to the end", () => {
    const { h } = ackedFive(1);
    const violations = checkHistory(
      h.ops,
      ["unseen", "lost-write"],
      contextOf({ drainComplete: ["orders-1"] }),
    );
    expect(violations.map((violation) => violation.check)).toEqual(Array(4).fill("lost-write"));
  });

  it("says when the drain read nothing from the partition", () => {
    const h = new HistoryBuilder();
    h.at(1).ack("producer-p1-0", "orders-3", -1, "p1-0-000001");
    const [violation] = checkHistory(h.ops, ["unseen"], contextOf());
    expect(violation?.message).toBe(
      "1 acknowledged send to orders-3 was never read by the drain (p1-0-000001); the drain read nothing from it",
    );
    expect(violation?.offsets).toEqual([]);
  });
});
