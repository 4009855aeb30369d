/**
 * Writes a suite's report folder: results.json, the HTML/Markdown/JUnit reports, and per finding
 * its replay file, history and trace — each finding replayed once more with the trace recorded.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding, ScenarioResult, SuiteResults } from "../harness/findings";
import { RESULTS_SCHEMA_VERSION } from "../harness/findings";
import { replayFinding } from "../harness/replayFinding";
import { writeReport, type FindingDetail } from "../report";
import { loadScenarioFile } from "../scenario/loadScenarios";

const TIMELINE_INTERVAL_MS = 100;

export function suiteResults(scenarios: readonly ScenarioResult[], shard?: string): SuiteResults {
  return { schemaVersion: RESULTS_SCHEMA_VERSION, tool: "ksim", ...(shard !== undefined ? { shard } : {}), scenarios };
}

export function writeOutputs(outDir: string, results: SuiteResults): string {
  removePreviousFindingFiles(outDir);
  fs.mkdirSync(path.join(outDir, "findings"), { recursive: true });
  const details = new Map<string, FindingDetail>();
  const scenarios = results.scenarios.map((result) => {
    if (result.finding === undefined) return result;
    const { finding, detail } = writeFindingFiles(outDir, result.finding);
    details.set(result.name, detail);
    return { ...result, finding };
  });
  const withFiles: SuiteResults = { ...results, scenarios };
  writeReport(outDir, withFiles, details);
  return path.join(outDir, "index.html");
}

/**
 * A report folder is reused from run to run (`reports/latest`): the finding files the previous
 * report listed go first, so a failure fixed since does not linger beside the new results. Only
 * files a ksim results.json names, inside the folder's `findings/`, are touched.
 */
function removePreviousFindingFiles(outDir: string): void {
  let previous: SuiteResults;
  try {
    previous = JSON.parse(fs.readFileSync(path.join(outDir, "results.json"), "utf8")) as SuiteResults;
  } catch {
    return; // no earlier report here, or not one ksim can read: leave the folder as it is
  }
  if (previous?.tool !== "ksim" || !Array.isArray(previous.scenarios)) return;
  const findingsDir = path.resolve(outDir, "findings");
  for (const scenario of previous.scenarios) {
    for (const file of Object.values(scenario.finding?.files ?? {})) {
      const target = path.resolve(outDir, String(file));
      if (path.dirname(target) === findingsDir) fs.rmSync(target, { force: true });
    }
  }
}

function writeFindingFiles(outDir: string, finding: Finding): { finding: Finding; detail: FindingDetail } {
  const slug = finding.scenario.replace(/[^\w.-]+/g, "_");
  const files = {
    finding: `findings/${slug}.json`,
    history: `findings/${slug}.history.jsonl`,
    trace: `findings/${slug}.trace.jsonl`,
  };
  const scenario = loadScenarioFile(finding.scenarioPath);
  const replay = replayFinding(scenario, finding, {
    recordTrace: true,
    timelineIntervalMs: TIMELINE_INTERVAL_MS,
    historyPath: path.join(outDir, files.history),
  });
  const trace = replay.result.trace ?? [];
  fs.writeFileSync(path.join(outDir, files.trace), trace.map((event) => JSON.stringify(event)).join("\n") + "\n");
  const withFiles: Finding = { ...finding, files };
  fs.writeFileSync(path.join(outDir, files.finding), JSON.stringify(withFiles, null, 2) + "\n");
  return { finding: withFiles, detail: { trace, timeline: replay.result.timeline ?? [] } };
}
