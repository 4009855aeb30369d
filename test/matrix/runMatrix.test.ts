import { describe, expect, it } from "vitest";
import { matrixCells } from "../../src/matrix/matrixGrid";
import { LOG_GUARANTEES, runMatrix, SINK_GUARANTEES } from "../../src/matrix/runMatrix";

describe("running the matrix", () => {
  it("checks every guarantee of a cell as its own property; the safe cell holds", async () => {
    const safe = matrixCells().find(
      (c) => c.acks === "all" && c.idempotence && c.minInsyncReplicas === 2 && !c.uncleanElection && c.inFlight === 5 && c.strategy === "process-then-commit",
    )!;
    const rows = await runMatrix({ runs: 3, fastCheckSeed: 7, wallClockMs: () => 0, cells: [safe] });
    expect(Object.keys(rows[0]!.results).sort()).toEqual([...LOG_GUARANTEES, ...SINK_GUARANTEES].sort());
    for (const guarantee of LOG_GUARANTEES) expect(rows[0]!.results[guarantee]).toEqual({ held: true, runs: 3 });
    expect(rows[0]!.results["sink: no loss"]).toEqual({ held: true, runs: 3 });
  }, 120_000);
});
