import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { CLIENT_ANOMALIES } from "../../src/checkers/violation";
import { correctModelContext, modelStepArbitrary, runCorrectModel } from "./correctModel";

describe("every history check on a correct model", () => {
  it("finds nothing", () => {
    fc.assert(
      fc.property(fc.array(modelStepArbitrary, { minLength: 10, maxLength: 80 }), (steps) => {
        const { ops } = runCorrectModel(steps);
        expect(checkHistory(ops, CLIENT_ANOMALIES, correctModelContext)).toEqual([]);
      }),
    );
  });

  it("finds an acknowledged record once the drain misses it", () => {
    fc.assert(
      fc.property(fc.array(modelStepArbitrary, { minLength: 10, maxLength: 80 }), fc.nat(), (steps, pick) => {
        const { ops, ackedValues } = runCorrectModel(steps);
        const lost = ackedValues[pick % Math.max(1, ackedValues.length)];
        fc.pre(lost !== undefined);
        const withoutLost = ops.map((op) =>
          op.f === "poll" && op.type === "ok" && op.drain
            ? { ...op, records: op.records.filter((record) => record.value !== lost.value) }
            : op,
        );
        const violations = checkHistory(withoutLost, ["lost-write"], correctModelContext);
        expect(
          violations.filter((violation) => violation.scope === "log").map((violation) => violation.values),
        ).toEqual([[lost.value]]);
      }),
    );
  });
});
