/** The table printed at the end of `ksim run`. */
import type { ScenarioResult } from "../harness/findings";

export function summaryTable(results: readonly ScenarioResult[]): string {
  const rows = results.map((r) => [
    r.name,
    r.expect === "hold" ? "hold" : `violate ${r.expect.violate.join("|")}`,
    r.verdict === "pass" ? "✓ pass" : r.verdict === "fail" ? "✗ FAIL" : "! ERROR",
    `${r.runs}/${r.runsPlanned}`,
    `${(r.wallMs / 1000).toFixed(1)} s`,
    String(r.fastCheckSeed),
  ]);
  const header = ["scenario", "expect", "verdict", "runs", "time", "seed"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
