/**
 * `ksim report <results.json…> [--out DIR]`: rebuilds the report from saved results, merging the
 * shards of a sweep into one (each finding is replayed once more for its trace and charts).
 */
import type { ScenarioResult, SuiteResults } from "../../harness/findings";
import { suiteResultsSchema } from "../../harness/findingSchema";
import { CliError, ExitCode } from "../exitCodes";
import { findingScenario } from "../findingScenario";
import { readJsonInput } from "../jsonInput";
import { checkOutputFolder } from "../outputPaths";
import { DEFAULT_OUT_DIR, exitCodeOf } from "./run";
import { summaryTable } from "../summaryTable";
import { suiteResults, writeOutputs } from "../writeOutputs";

export function reportCommand(files: readonly string[], args: { out?: string }): number {
  if (files.length === 0) throw new CliError("report needs at least one results.json", ExitCode.BAD_INPUT);
  const outDir = args.out ?? DEFAULT_OUT_DIR;
  checkOutputFolder(outDir, "--out");
  const merged = mergeResults(files.map(readResults));
  const reportPath = writeOutputs(outDir, suiteResults(merged));
  process.stdout.write(`${summaryTable(merged)}\n\nreport: ${reportPath}\n`);
  return exitCodeOf(merged, false);
}

/** Scenarios of every shard, each once, in name order (the order a full run loads them in). */
export function mergeResults(parts: readonly SuiteResults[]): ScenarioResult[] {
  const byName = new Map<string, ScenarioResult>();
  for (const part of parts) {
    for (const scenario of part.scenarios) {
      if (byName.has(scenario.name)) throw new CliError(`scenario "${scenario.name}" appears in more than one results file`, ExitCode.BAD_INPUT);
      byName.set(scenario.name, scenario);
    }
  }
  return [...byName.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The whole file is checked, and each finding against its scenario, before the report replays any. */
function readResults(file: string): SuiteResults {
  const results: SuiteResults = readJsonInput(file, suiteResultsSchema, "ksim results.json");
  results.scenarios.forEach((scenario, index) => {
    if (scenario.finding !== undefined) findingScenario(file, scenario.finding, ["scenarios", index, "finding"]);
  });
  return results;
}
