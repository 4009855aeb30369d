import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { HistoryBuilder, contextOf, recordsFrom } from "./historyBuilder";

const finalLog = recordsFrom("orders-2", 0, ["v0", "v1", "v2", "v3", "v4", "v5"]);

describe("poll-skip", () => {
  /** consumer-billing-1 reads offsets 0..1 then jumps to `nextOffset`; the drain reads `drained`. */
  function jumpTo(nextOffset: number, drained = finalLog) {
    const h = new HistoryBuilder();
    h.at(1).poll("consumer-billing-1", "billing", 1, recordsFrom("orders-2", 0, ["v0", "v1"]));
    const jump = h
      .at(4.12)
      .poll("consumer-billing-1", "billing", 1, [["orders-2", nextOffset, `v${nextOffset}`]]);
    h.at(9).drain(drained);
    return { h, jump };
  }

  it("reports a jump over offsets that exist in the final log", () => {
    const { h, jump } = jumpTo(4);
    expect(checkHistory(h.ops, ["poll-skip"], contextOf({ drainComplete: ["orders-2"] }))).toEqual([
      {
        check: "poll-skip",
        partition: "orders-2",
        offsets: [1, 4],
        values: ["v2", "v3"],
        timeUs: 4_120_000,
        traceIndex: jump.traceIndex,
        message:
          "consumer-billing-1 (group billing, generation 1) went from offset 1 to 4 of orders-2, skipping 2 offsets of the final log (2: v2 and 3: v3)",
      },
    ]);
  });

  it("is silent for consecutive offsets", () => {
    const { h } = jumpTo(2);
    expect(checkHistory(h.ops, ["poll-skip"], contextOf({ drainComplete: ["orders-2"] }))).toEqual([]);
  });

  it("does not count offsets absent from the final log (truncated away) as skipped", () => {
    const truncatedToOffset2 = finalLog.slice(0, 2);
    const { h } = jumpTo(4, truncatedToOffset2);
    expect(checkHistory(h.ops, ["poll-skip"], contextOf({ drainComplete: ["orders-2"] }))).toEqual([]);
  });

  it("judges only partitions the drain read to the end", () => {
    const { h } = jumpTo(4);
    expect(checkHistory(h.ops, ["poll-skip"], contextOf())).toEqual([]);
  });

  it("counts the resume offset itself: the first poll must return it", () => {
    const resumedAt = (firstOffset: number) => {
      const h = new HistoryBuilder();
      h.at(1).resume("consumer-billing-2", "billing", 2, "orders-2", 3, 3);
      h.at(2).poll("consumer-billing-2", "billing", 2, [["orders-2", firstOffset, `v${firstOffset}`]]);
      h.at(9).drain(finalLog);
      return checkHistory(h.ops, ["poll-skip"], contextOf({ drainComplete: ["orders-2"] }));
    };
    expect(resumedAt(3)).toEqual([]);
    expect(resumedAt(4).map((violation) => violation.message)).toEqual([
      "consumer-billing-2 (group billing, generation 2) resumed orders-2 at offset 3 but first polled offset 4, skipping 1 offset of the final log (3: v3)",
    ]);
  });
});
