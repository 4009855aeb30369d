import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { HistoryBuilder, contextOf, recordsFrom } from "./historyBuilder";

const billing = { name: "billing", topics: ["orders"], reachedEnd: true };

/** p1-0-000042 acked at offset 17 of orders-2; then the drain reads offsets 15..18 of orders-2. */
function ackedThenDrained(drainedValueAt17: string) {
  const h = new HistoryBuilder();
  const send = h.at(2.0).send("producer-p1-0", "orders-2", "p1-0-000042");
  const ack = h.at(2.31).ok(send, 17, { leader: "broker-1", epoch: 3 });
  h.at(9.0).drain(
    recordsFrom("orders-2", 15, ["p2-0-000001", "p2-0-000002", drainedValueAt17, "p2-0-000004"]),
  );
  return { h, ack };
}

const truncations = [
  { timeUs: 1_000_000, broker: "broker-2", partition: "orders-2", toOffset: 3, traceIndex: 1 },
  { timeUs: 3_000_000, broker: "broker-2", partition: "orders-2", toOffset: 18, traceIndex: 30 },
  { timeUs: 4_120_000, broker: "broker-0", partition: "orders-2", toOffset: 15, traceIndex: 41 },
  { timeUs: 5_000_000, broker: "broker-1", partition: "orders-2", toOffset: 12, traceIndex: 50 },
];

describe("lost-write, log scope", () => {
  it("reports an acked value the drain read past but never saw, naming the truncation that cut it", () => {
    const { h, ack } = ackedThenDrained("p2-0-000003");
    expect(checkHistory(h.ops, ["lost-write"], contextOf({ truncations }))).toEqual([
      {
        check: "lost-write",
        scope: "log",
        partition: "orders-2",
        offsets: [17],
        values: ["p1-0-000042"],
        timeUs: 2_310_000,
        traceIndex: ack.traceIndex,
        message:
          "p1-0-000042 acknowledged at offset 17 of orders-2 at 2.310 s by broker-1 in epoch 3 is absent from the final log; broker-0 truncated orders-2 to offset 15 at 4.120 s",
      },
    ]);
  });

  it("is silent when the drain read the value", () => {
    const { h } = ackedThenDrained("p1-0-000042");
    expect(checkHistory(h.ops, ["lost-write"], contextOf({ truncations }))).toEqual([]);
  });

  it("does not judge a partition the drain neither read past the offset nor finished", () => {
    const h = new HistoryBuilder();
    h.at(1).ack("producer-p1-0", "orders-2", 17, "p1-0-000042");
    h.at(9).drain(recordsFrom("orders-2", 15, ["a", "b", "c"]));
    expect(checkHistory(h.ops, ["lost-write"], contextOf())).toEqual([]);
    const [violation] = checkHistory(h.ops, ["lost-write"], contextOf({ drainComplete: ["orders-2"] }));
    expect(violation?.message).toBe(
      "p1-0-000042 acknowledged at offset 17 of orders-2 at 1.000 s by broker-0 in epoch 1 is absent from the final log",
    );
  });

  it("reports an acks=0 send only when the drain read the partition to its end", () => {
    const h = new HistoryBuilder();
    const ack = h.at(1).ack("producer-p1-0", "orders-0", -1, "p1-0-000007");
    h.at(9).drain(recordsFrom("orders-0", 0, ["p1-0-000006", "p1-0-000008"]));
    expect(checkHistory(h.ops, ["lost-write"], contextOf())).toEqual([]);
    expect(checkHistory(h.ops, ["lost-write"], contextOf({ drainComplete: ["orders-0"] }))).toEqual([
      {
        check: "lost-write",
        scope: "log",
        partition: "orders-0",
        offsets: [],
        values: ["p1-0-000007"],
        timeUs: 1_000_000,
        traceIndex: ack.traceIndex,
        message:
          "p1-0-000007 sent with acks=0 to orders-0 at 1.000 s by broker-0 in epoch 1 is absent from the final log",
      },
    ]);
  });

  it("is silent for an acks=0 send the drain read", () => {
    const h = new HistoryBuilder();
    h.at(1).ack("producer-p1-0", "orders-0", -1, "p1-0-000007");
    h.at(9).drain(recordsFrom("orders-0", 0, ["p1-0-000006", "p1-0-000007"]));
    expect(checkHistory(h.ops, ["lost-write"], contextOf({ drainComplete: ["orders-0"] }))).toEqual([]);
  });
});

describe("lost-write, sink scope", () => {
  /** One acked value in the final log; the billing group processes it or not. */
  function deliveredToSink(processing: "none" | "applied" | "ignored-repeat") {
    const h = new HistoryBuilder();
    const ack = h.at(2.31).ack("producer-p1-0", "orders-2", 17, "p1-0-000042");
    if (processing !== "none") {
      h.at(3).process(
        "consumer-billing-1",
        "billing",
        1,
        ["orders-2", 17, "p1-0-000042"],
        processing === "applied",
      );
    }
    h.at(9).drain([["orders-2", 17, "p1-0-000042"]]);
    return { h, ack };
  }

  it("reports an acked value in the final log that a group which reached the end never processed", () => {
    const { h, ack } = deliveredToSink("none");
    expect(checkHistory(h.ops, ["lost-write"], contextOf({ groups: [billing] }))).toEqual([
      {
        check: "lost-write",
        scope: "sink",
        partition: "orders-2",
        offsets: [17],
        values: ["p1-0-000042"],
        timeUs: 2_310_000,
        traceIndex: ack.traceIndex,
        message: "p1-0-000042 (orders-2 offset 17) was acknowledged but group billing never processed it",
      },
    ]);
  });

  it("is silent once the group processed it, applied or ignored as a repeat", () => {
    for (const processing of ["applied", "ignored-repeat"] as const) {
      const { h } = deliveredToSink(processing);
      expect(checkHistory(h.ops, ["lost-write"], contextOf({ groups: [billing] }))).toEqual([]);
    }
  });

  it("does not judge a group that did not reach the end, or does not read the topic", () => {
    const { h } = deliveredToSink("none");
    const groups = [
      { ...billing, reachedEnd: false },
      { name: "audit", topics: ["payments"], reachedEnd: true },
    ];
    expect(checkHistory(h.ops, ["lost-write"], contextOf({ groups }))).toEqual([]);
  });

  it("asserts only the scopes the scenario names", () => {
    const { h } = deliveredToSink("none");
    const logOnly = contextOf({ groups: [billing], scopes: { "lost-write": ["log"] } });
    expect(checkHistory(h.ops, ["lost-write"], logOnly)).toEqual([]);
  });

  /**
   * Five values acked at offsets 0..4 of orders-2 before the group first joins; its first owner
   * finds no committed offset and auto.offset.reset=latest starts it at 3. `laterReset` adds a
   * second owner that, its predecessor's commit lost, also finds none and starts at 5.
   */
  function startedAtLatest(laterReset: boolean) {
    const h = new HistoryBuilder();
    const values = ["p1-0-000000", "p1-0-000001", "p1-0-000002", "p1-0-000003", "p1-0-000004"];
    values.slice(0, 3).forEach((value, offset) => h.at(1).ack("producer-p1-0", "orders-2", offset, value));
    h.at(2).resume("consumer-billing-0", "billing", 1, "orders-2", 3, null);
    values.slice(3).forEach((value, i) => h.at(3).ack("producer-p1-0", "orders-2", 3 + i, value));
    h.at(4).poll("consumer-billing-0", "billing", 1, [["orders-2", 3, values[3]!]]);
    h.at(4).process("consumer-billing-0", "billing", 1, ["orders-2", 3, values[3]!]);
    if (laterReset) h.at(5).resume("consumer-billing-1", "billing", 2, "orders-2", 5, null);
    else {
      h.at(5).poll("consumer-billing-0", "billing", 1, [["orders-2", 4, values[4]!]]);
      h.at(5).process("consumer-billing-0", "billing", 1, ["orders-2", 4, values[4]!]);
    }
    h.at(9).drain(recordsFrom("orders-2", 0, values));
    return h;
  }

  it("does not require what a group's first owner legitimately skipped by auto.offset.reset=latest", () => {
    const h = startedAtLatest(false);
    const context = contextOf({ groups: [billing], drainComplete: ["orders-2"] });
    expect(checkHistory(h.ops, ["lost-write"], context)).toEqual([]);
  });

  it("still reports what a later reset skipped (a commit was lost, not a group starting out)", () => {
    const h = startedAtLatest(true);
    const context = contextOf({ groups: [billing], drainComplete: ["orders-2"] });
    expect(checkHistory(h.ops, ["lost-write"], context).map((violation) => violation.values)).toEqual([
      ["p1-0-000004"],
    ]);
  });
});
