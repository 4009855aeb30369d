import { describe, expect, it } from "vitest";
import { judgeClaims } from "../../src/matrix/claims";
import { matrixCells } from "../../src/matrix/matrixGrid";
import type { Guarantee, MatrixRow } from "../../src/matrix/runMatrix";

/** A synthetic matrix where `broken(cell, guarantee)` says which guarantees fail. */
function rowsWhere(broken: (cell: MatrixRow["cell"], guarantee: Guarantee) => boolean): MatrixRow[] {
  const guarantees: Guarantee[] = ["log: no loss", "log: no duplicates", "log: order"];
  return matrixCells()
    .filter((cell) => cell.strategy === "process-then-commit")
    .map((cell) => ({ cell, results: Object.fromEntries(guarantees.map((g) => [g, { held: !broken(cell, g), runs: 10 }])) }));
}

describe("judging the commonly taught claims", () => {
  it("confirms them, and refutes 'ordering needs in-flight 1', on a matrix behaving as Kafka does", () => {
    const rows = rowsWhere((cell, g) => {
      if (g === "log: no loss") return cell.acks !== "all" || cell.minInsyncReplicas === 1 || cell.uncleanElection;
      if (g === "log: no duplicates") return !cell.idempotence && cell.acks !== "0";
      return !cell.idempotence && cell.inFlight === 5 && cell.acks !== "0";
    });
    expect(judgeClaims(rows).map((c) => c.verdict)).toEqual(["confirmed", "confirmed", "confirmed", "refuted"]);
  });

  it("refutes exactly-once when an idempotent safe cell shows a duplicate", () => {
    const rows = rowsWhere((cell, g) => g === "log: no duplicates" && cell.idempotence && cell.inFlight === 5);
    expect(judgeClaims(rows)[2]!.verdict).toBe("refuted");
  });

  it("is inconclusive with no data", () => {
    expect(judgeClaims([]).map((c) => c.verdict)).toEqual(["inconclusive", "inconclusive", "inconclusive", "inconclusive"]);
  });
});
