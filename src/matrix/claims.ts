/**
 * The delivery-guarantee claims commonly taught (kafka-model.md), judged against the matrix: each
 * claim names the cells it speaks of and what must hold or break there.
 */
import type { MatrixCell } from "./matrixGrid";
import type { Guarantee, MatrixRow } from "./runMatrix";

export type ClaimVerdict = "confirmed" | "refuted" | "inconclusive";

export interface ClaimResult {
  readonly claim: string;
  readonly verdict: ClaimVerdict;
  readonly evidence: string;
}

type Predicate = (cell: MatrixCell) => boolean;

function held(rows: readonly MatrixRow[], where: Predicate, guarantee: Guarantee): boolean[] {
  return rows.filter((row) => where(row.cell) && row.results[guarantee] !== undefined).map((row) => row.results[guarantee]!.held);
}

const safeCluster: Predicate = (c) => c.acks === "all" && c.minInsyncReplicas === 2 && !c.uncleanElection;

export function judgeClaims(rows: readonly MatrixRow[]): ClaimResult[] {
  const acks0 = (c: MatrixCell): boolean => c.acks === "0";
  const acks0Dups = held(rows, acks0, "log: no duplicates");
  const acks0Loss = held(rows, acks0, "log: no loss");
  const safeLoss = held(rows, safeCluster, "log: no loss");
  const plainDups = held(rows, (c) => safeCluster(c) && !c.idempotence, "log: no duplicates");
  const exactly = (["log: no loss", "log: no duplicates", "log: order"] as const).flatMap((g) =>
    held(rows, (c) => safeCluster(c) && c.idempotence, g),
  );
  const reorderPlain = held(rows, (c) => !c.idempotence && c.inFlight === 5 && c.acks !== "0", "log: order");
  const orderIdempotent = held(rows, (c) => c.idempotence && c.inFlight === 5, "log: order");
  return [
    verdict(
      "at-most-once = acks=0: no duplicates; loss is possible",
      acks0Dups.length > 0 && acks0Loss.length > 0,
      acks0Dups.every(Boolean) && acks0Loss.some((h) => !h),
      `no duplicates held in ${count(acks0Dups)} acks=0 cells; loss found in ${countFalse(acks0Loss)}`,
    ),
    verdict(
      "at-least-once = acks=all + RF ≥ 2 + min ISR ≥ 2: no acknowledged write lost; duplicates without idempotence",
      safeLoss.length > 0 && plainDups.length > 0,
      safeLoss.every(Boolean) && plainDups.some((h) => !h),
      `no loss held in ${count(safeLoss)} such cells; duplicates found in ${countFalse(plainDups)} non-idempotent ones`,
    ),
    verdict(
      "exactly-once in the log = idempotence + at-least-once, with in-flight up to 5",
      exactly.length > 0,
      exactly.every(Boolean),
      `no loss, no duplicates and order held in ${count(exactly)} of ${exactly.length} checks`,
    ),
    {
      claim: "ordering needs max.in.flight.requests.per.connection=1",
      verdict: reorderPlain.some((h) => !h) && orderIdempotent.every(Boolean) ? "refuted" : "inconclusive",
      evidence:
        `only without idempotence: reordering found in ${countFalse(reorderPlain)} non-idempotent in-flight-5 cells; ` +
        `order held in ${count(orderIdempotent)} of ${orderIdempotent.length} idempotent in-flight-5 cells`,
    },
  ];
}

function verdict(claim: string, enoughData: boolean, confirmed: boolean, evidence: string): ClaimResult {
  return { claim, verdict: !enoughData ? "inconclusive" : confirmed ? "confirmed" : "refuted", evidence };
}

function count(values: readonly boolean[]): string {
  return `${values.filter(Boolean).length}/${values.length}`;
}

function countFalse(values: readonly boolean[]): string {
  return `${values.filter((h) => !h).length}/${values.length}`;
}
