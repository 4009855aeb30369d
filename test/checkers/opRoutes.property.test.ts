import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkersSink, createHistoryCheckers } from "../../src/checkers";
import type { HistoryOp } from "../../src/history/types";
import { CLIENT_ANOMALIES } from "../../src/checkers/violation";
import { correctModelContext, modelStepArbitrary, runCorrectModel } from "./correctModel";

/**
 * A correct model's history with some reads returning another send's value, some ops recorded
 * later than they happened, and some dropped: anomalies of every kind.
 */
const disturbedHistory = fc
  .record({
    steps: fc.array(modelStepArbitrary, { minLength: 10, maxLength: 80 }),
    dropped: fc.array(fc.nat(), { maxLength: 16 }),
    delayed: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 30 })), { maxLength: 16 }),
    misread: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 16 }),
  })
  .map(({ steps, dropped, delayed, misread }) => {
    const ops: HistoryOp[] = runCorrectModel(steps).ops;
    const sentValues = ops.flatMap((op) => (op.f === "send" ? [op.value] : []));
    for (const [at, pick] of misread) {
      const i = at % ops.length;
      const read = ops[i]!;
      const [first, ...rest] = read.f === "poll" && read.type === "ok" ? read.records : [];
      const value = sentValues[pick % Math.max(1, sentValues.length)];
      if (first !== undefined && value !== undefined) ops[i] = { ...read, records: [{ ...first, value }, ...rest] } as HistoryOp;
    }
    for (const [at, by] of delayed) {
      const [op] = ops.splice(at % ops.length, 1);
      if (op !== undefined) ops.splice(Math.min(ops.length, (at % (ops.length + 1)) + by), 0, op);
    }
    return ops.filter((_, i) => !dropped.some((at) => at % ops.length === i));
  });

describe("checkersSink", () => {
  it("finds what every checker finds when it is handed every op", () => {
    fc.assert(
      fc.property(disturbedHistory, (ops) => {
        const routed = createHistoryCheckers(CLIENT_ANOMALIES);
        const sink = checkersSink(routed);
        for (const op of ops) sink.append(op);
        const everyOp = createHistoryCheckers(CLIENT_ANOMALIES);
        for (const op of ops) for (const checker of everyOp) checker.observe(op);
        const found = routed.map((checker) => checker.finish(correctModelContext));
        expect(found).toEqual(everyOp.map((checker) => checker.finish(correctModelContext)));
      }),
      { numRuns: 300 },
    );
  });
});
