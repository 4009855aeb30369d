import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { HistoryBuilder, contextOf } from "./historyBuilder";

/** consumer-billing-1 commits offset 17 of orders-2 (ok at 3.2 s); after a rebalance consumer-billing-2 resumes. */
function committedThenResumed(resumeCommitted: number | null) {
  const h = new HistoryBuilder();
  const commit = h.at(3.1).commit("consumer-billing-1", "billing", 1, { "orders-2": 17 });
  h.at(3.2).committed(commit);
  const resume = h
    .at(6.5)
    .resume("consumer-billing-2", "billing", 2, "orders-2", resumeCommitted ?? 0, resumeCommitted);
  return { h, resume };
}

describe("lost-commit", () => {
  it("reports a resume earlier than the last ok commit (duplicates downstream)", () => {
    const { h, resume } = committedThenResumed(12);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf())).toEqual([
      {
        check: "lost-commit",
        partition: "orders-2",
        offsets: [17, 12],
        timeUs: 6_500_000,
        traceIndex: resume.traceIndex,
        message:
          "consumer-billing-2 of group billing found committed offset 12 for orders-2, but offset 17 was committed ok at 3.200 s; resuming earlier re-delivers offsets 12 to 16 (duplicates downstream)",
      },
    ]);
  });

  it("reports a resume later than the last ok commit (loss)", () => {
    const { h } = committedThenResumed(20);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf()).map((violation) => violation.message)).toEqual([
      "consumer-billing-2 of group billing found committed offset 20 for orders-2, but offset 17 was committed ok at 3.200 s; resuming later never delivers offsets 17 to 19 (loss)",
    ]);
  });

  it("reports a resume that finds no committed offset at all", () => {
    const { h } = committedThenResumed(null);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf()).map((violation) => violation.message)).toEqual([
      "consumer-billing-2 of group billing found no committed offset for orders-2, but offset 17 was committed ok at 3.200 s; resuming earlier re-delivers offsets 0 to 16 (duplicates downstream)",
    ]);
  });

  it("is silent when the resume finds the last ok commit", () => {
    const { h } = committedThenResumed(17);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf())).toEqual([]);
  });

  it("orders one client's commits by invocation (one connection), whatever order the answers came in", () => {
    const h = new HistoryBuilder();
    const older = h.at(1).commit("consumer-billing-1", "billing", 1, { "orders-2": 10 });
    const newer = h.at(2).commit("consumer-billing-1", "billing", 1, { "orders-2": 17 });
    h.at(3).committed(newer);
    h.at(4).committed(older);
    h.at(5).resume("consumer-billing-2", "billing", 2, "orders-2", 10, 10);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf()).map((violation) => violation.offsets)).toEqual([[17, 10]]);
    const fine = new HistoryBuilder();
    const first = fine.at(1).commit("consumer-billing-1", "billing", 1, { "orders-2": 10 });
    fine.at(3).committed(fine.at(2).commit("consumer-billing-1", "billing", 1, { "orders-2": 17 }));
    fine.at(4).committed(first);
    fine.at(5).resume("consumer-billing-2", "billing", 2, "orders-2", 17, 17);
    expect(checkHistory(fine.ops, ["lost-commit"], contextOf())).toEqual([]);
  });

  it("accepts a resume at a commit invoked later that was still in flight or timed out", () => {
    for (const outcome of ["in-flight", "info"] as const) {
      const h = new HistoryBuilder();
      h.at(3.2).committed(h.at(3.1).commit("consumer-billing-1", "billing", 1, { "orders-2": 17 }));
      const inFlight = h.at(5).commit("consumer-billing-1", "billing", 1, { "orders-2": 20 });
      if (outcome !== "in-flight") h.at(5.5).committed(inFlight, outcome, "REQUEST_TIMED_OUT");
      h.at(6.5).resume("consumer-billing-2", "billing", 2, "orders-2", 20, 20);
      expect(checkHistory(h.ops, ["lost-commit"], contextOf())).toEqual([]);
    }
  });

  it("does not accept a failed commit (definitely not applied)", () => {
    const h = new HistoryBuilder();
    h.at(3.2).committed(h.at(3.1).commit("consumer-billing-1", "billing", 1, { "orders-2": 17 }));
    h.at(5.5).committed(h.at(5).commit("consumer-billing-1", "billing", 1, { "orders-2": 20 }), "fail", "ILLEGAL_GENERATION");
    h.at(6.5).resume("consumer-billing-2", "billing", 2, "orders-2", 20, 20);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf()).map((violation) => violation.offsets)).toEqual([[17, 20]]);
  });

  it("orders commits of different clients by real time: a commit heard of late is not superseded by one invoked after it", () => {
    const h = new HistoryBuilder();
    const paused = h.at(3).commit("consumer-billing-1", "billing", 1, { "orders-2": 41 });
    h.at(9).committed(h.at(8).commit("consumer-billing-2", "billing", 2, { "orders-2": 61 }));
    h.at(10).committed(paused); // the paused member hears "ok" only now
    h.at(11).resume("consumer-billing-1", "billing", 3, "orders-2", 61, 61);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf())).toEqual([]);
  });

  it("does not accept a commit invoked before the ok one, nor one that ended ok and was superseded", () => {
    const h = new HistoryBuilder();
    const stale = h.at(3).commit("consumer-billing-1", "billing", 1, { "orders-2": 20 });
    h.at(3.2).committed(h.at(3.1).commit("consumer-billing-1", "billing", 1, { "orders-2": 17 }));
    h.at(3.3).committed(stale, "info", "REQUEST_TIMED_OUT");
    h.at(6.5).resume("consumer-billing-2", "billing", 2, "orders-2", 20, 20);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf()).map((violation) => violation.offsets)).toEqual([
      [17, 20],
    ]);
  });

  it("orders a resume by when it asked: a commit completing while the OffsetFetch is out is concurrent", () => {
    const h = new HistoryBuilder();
    const commit = h.at(17.352).commit("consumer-billing-1", "billing", 2, { "orders-0": 133 });
    const askedIndex = h.ops.length; // the zombie's OffsetFetch goes out here, before the commit lands
    h.at(17.383).committed(commit);
    h.at(17.385).resume("consumer-billing-0", "billing", 1, "orders-0", 0, null, askedIndex);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf())).toEqual([]);
    // Asked after the commit completed, the same answer is a lost commit.
    const late = new HistoryBuilder();
    late.at(17.383).committed(late.at(17.352).commit("consumer-billing-1", "billing", 2, { "orders-0": 133 }));
    late.at(17.385).resume("consumer-billing-0", "billing", 1, "orders-0", 0, null);
    expect(checkHistory(late.ops, ["lost-commit"], contextOf()).map((violation) => violation.offsets)).toEqual([[133]]);
  });

  it("reports one lost commit once, however many owners resume from the wrong offset", () => {
    const { h } = committedThenResumed(12);
    h.at(8).resume("consumer-billing-3", "billing", 3, "orders-2", 12, 12);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf())).toHaveLength(1);
  });

  it("keeps groups and partitions apart", () => {
    const { h } = committedThenResumed(17);
    h.at(7).resume("consumer-audit-1", "audit", 1, "orders-2", 0, null);
    h.at(7).resume("consumer-billing-2", "billing", 2, "orders-3", 0, null);
    expect(checkHistory(h.ops, ["lost-commit"], contextOf())).toEqual([]);
  });
});
