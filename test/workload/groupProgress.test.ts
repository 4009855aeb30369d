import { describe, expect, it } from "vitest";
import { GroupProgress } from "../../src/workload/groupProgress";
import { HistoryBuilder } from "../checkers/historyBuilder";

const billing = { name: "billing", topics: ["orders"] };
const endOffsets = [
  { topic: "orders", partition: 0, offset: 64 },
  { topic: "orders", partition: 1, offset: 0 },
];

function progressOf(h: HistoryBuilder): GroupProgress {
  const progress = new GroupProgress();
  for (const op of h.ops) progress.append(op);
  return progress;
}

describe("group progress", () => {
  it("counts a group positioned at the log end as there, though it had nothing to process or commit", () => {
    // auto.offset.reset=latest: the group joined after every record was written and starts at the end.
    const h = new HistoryBuilder();
    h.at(6).resume("consumer-billing-0", "billing", 1, "orders-0", 64, null);
    h.at(6).resume("consumer-billing-0", "billing", 1, "orders-1", 0, null);
    expect(progressOf(h).reachedEnd([billing], endOffsets)).toEqual([{ ...billing, reachedEnd: true }]);
  });

  it("is short of the end while a partition's position is", () => {
    const h = new HistoryBuilder();
    h.at(6).resume("consumer-billing-0", "billing", 1, "orders-0", 60, 60);
    h.at(7).process("consumer-billing-0", "billing", 1, ["orders-0", 60, "p1-0-000060"]);
    expect(progressOf(h).progress("billing", "orders-0")).toBe(61);
    expect(progressOf(h).reachedEnd([billing], endOffsets)).toEqual([{ ...billing, reachedEnd: false }]);
  });
});
