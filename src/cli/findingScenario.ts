/** The scenario a finding names, loaded and checked to fit the finding before anything replays it. */
import { findingFitIssues } from "../harness/findingFit";
import type { Finding } from "../harness/findings";
import type { PathSegment } from "../scenario/issuePath";
import { loadScenarioFile } from "../scenario/loadScenarios";
import type { Scenario } from "../scenario/scenario";
import { InputFileError } from "./inputFileError";

/** `at` is where the finding sits in `file` (inside a results.json, `scenarios[2].finding`). */
export function findingScenario(file: string, finding: Finding, at: readonly PathSegment[] = []): Scenario {
  const scenario = loadScenarioFile(finding.scenarioPath);
  const issues = findingFitIssues(scenario, finding);
  if (issues.length > 0) {
    throw new InputFileError(file, issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] })));
  }
  return scenario;
}
