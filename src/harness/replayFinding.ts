/**
 * Replays a saved finding: the same scenario (refused if its file changed), seed and faults give
 * the same run — the same violations and the same fingerprint.
 */
import { ScenarioError } from "../scenario/scenarioError";
import type { Scenario } from "../scenario/scenario";
import type { Finding } from "./findings";
import { runOnce, type RunOptions } from "./runOnce";
import type { RunResult } from "./runResult";
import { scenarioForRun } from "./runInput";

export interface Replay {
  readonly result: RunResult;
  /** Whether the fingerprint equals the one the finding recorded. */
  readonly exact: boolean;
}

export function replayFinding(scenario: Scenario, finding: Finding, options: RunOptions = {}): Replay {
  if (scenario.contentHash !== finding.contentHash) {
    throw new ScenarioError([
      {
        file: scenario.sourcePath,
        line: 1,
        column: 1,
        path: "",
        message: `this scenario changed since the finding was recorded (content hash ${scenario.contentHash.slice(0, 12)}…, finding has ${finding.contentHash.slice(0, 12)}…): the replay would not be exact`,
      },
    ]);
  }
  const counterexample = finding.counterexample;
  const runScenario = scenarioForRun(scenario, counterexample.swarmChoices ?? {});
  const result = runOnce(runScenario, counterexample.seed, counterexample.faults, options);
  return { result, exact: result.fingerprint === finding.fingerprint };
}
