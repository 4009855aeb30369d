/** The guarantee matrix as Markdown: the log table, the processing table, the claims, and every ✗ explained. */
import type { ClaimResult } from "./claims";
import { STRATEGIES, type MatrixCell } from "./matrixGrid";
import { LOG_GUARANTEES, SINK_GUARANTEES, type Guarantee, type GuaranteeResult, type MatrixRow } from "./runMatrix";

export function renderMatrix(rows: readonly MatrixRow[], claims: readonly ClaimResult[], runs: number): string {
  const notes: string[] = [];
  const mark = (result: GuaranteeResult | undefined): string => {
    if (result === undefined) return "–";
    if (result.held) return "✓";
    notes.push(`${notes.length + 1}. ${result.violation}\n   faults: ${(result.faults ?? []).join("; ") || "(none)"}`);
    return `✗ [${notes.length}]`;
  };
  const logRows = rows.filter((row) => LOG_GUARANTEES.some((g) => row.results[g] !== undefined));
  const lines = [
    `Each ✓ held over ${runs} generated fault schedules (kills, partitions, lossy links, client crashes); each ✗ was found and shrunk.`,
    "",
    "### In the log",
    "",
    "| acks | idempotence | min ISR | unclean election | in-flight | no loss | no duplicates | order |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...logRows.map((row) => `| ${configCells(row.cell)} | ${LOG_GUARANTEES.map((g) => mark(row.results[g])).join(" | ")} |`),
    "",
    "### In the consumer's sink, by processing strategy",
    "",
    `| strategy | ${SINK_GUARANTEES.map((g) => g.replace("sink: ", "")).join(" | ")} | with acks=all, idempotence, min ISR 2 |`,
    "| --- | --- | --- | --- |",
    ...STRATEGIES.map((strategy) => sinkRow(rows, strategy, mark)),
    "",
    "### The claims commonly taught",
    "",
    "| claim | verdict | evidence |",
    "| --- | --- | --- |",
    ...claims.map((c) => `| ${c.claim} | ${c.verdict === "confirmed" ? "✓ confirmed" : c.verdict === "refuted" ? "✗ refuted" : "? inconclusive"} | ${c.evidence} |`),
  ];
  if (notes.length > 0) lines.push("", "### Counterexamples", "", ...notes);
  return lines.join("\n") + "\n";
}

function configCells(cell: MatrixCell): string {
  return [cell.acks, cell.idempotence ? "on" : "off", String(cell.minInsyncReplicas), cell.uncleanElection ? "on" : "off", String(cell.inFlight)].join(" | ");
}

function sinkRow(rows: readonly MatrixRow[], strategy: MatrixCell["strategy"], mark: (r: GuaranteeResult | undefined) => string): string {
  const mine = rows.filter((row) => row.cell.strategy === strategy);
  const counts = SINK_GUARANTEES.map((g: Guarantee) => {
    const results = mine.map((row) => row.results[g]).filter((r): r is GuaranteeResult => r !== undefined);
    return `held in ${results.filter((r) => r.held).length}/${results.length} configurations`;
  });
  const safe = mine.find((row) => row.cell.acks === "all" && row.cell.idempotence && row.cell.minInsyncReplicas === 2 && !row.cell.uncleanElection && row.cell.inFlight === 5);
  const safeMarks = safe === undefined ? "–" : SINK_GUARANTEES.map((g) => mark(safe.results[g])).join(" / ");
  return `| ${strategy} | ${counts.join(" | ")} | ${safeMarks} |`;
}
