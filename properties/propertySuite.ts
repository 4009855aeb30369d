/**
 * Runs scenario files as vitest property suites: one test per scenario, with the fast-check seed
 * `ksim run` would use, so a failure here replays with the command it prints. `expect: violate`
 * scenarios run until they find their bug (at most their own `runs`); `expect: hold` scenarios run
 * KSIM_RUNS runs each (the CI budget; default below), or their own `runs` if that is fewer.
 */
import { expect, it } from "vitest";
import { faultToText } from "../src/faults/faultRunner";
import type { ScenarioResult } from "../src/harness/findings";
import { runProperty } from "../src/harness/propertyRunner";
import { loadScenarios } from "../src/scenario/loadScenarios";
import type { Scenario } from "../src/scenario/scenario";
import { DEFAULT_SUITE_SEED, scenarioSeed } from "../src/cli/seeds";

/**
 * Runs per `hold` scenario in `npm test` (KSIM_RUNS may lower it, or raise it up to a
 * scenario's own `runs`). The false-alarm soak is `npm run soak`: 2,000 runs of each, via `ksim run`.
 */
export const CI_HOLD_RUNS = 50;
/** A shrunk counterexample must come down to the few faults that matter. */
export const SHRUNK_FAULTS_MAX = 4;
const TEST_TIMEOUT_MS = 600_000;

export function holdRuns(scenario: Scenario): number {
  const budget = Number(process.env["KSIM_RUNS"] ?? CI_HOLD_RUNS);
  return Math.min(scenario.runs, Number.isInteger(budget) && budget > 0 ? budget : CI_HOLD_RUNS);
}

export function propertySuite(folder: string): void {
  for (const scenario of loadScenarios([folder])) {
    it(`${scenario.name}: ${scenario.expect.kind === "hold" ? "holds" : "is caught"}`, () => runScenario(scenario), TEST_TIMEOUT_MS);
  }
}

async function runScenario(scenario: Scenario): Promise<void> {
  const runs = scenario.expect.kind === "violate" ? scenario.runs : holdRuns(scenario);
  const result = await runProperty(scenario, {
    runs,
    fastCheckSeed: scenarioSeed(DEFAULT_SUITE_SEED, scenario.name),
    wallClockMs: () => performance.now(),
  });
  if (result.verdict !== "pass") throw new Error(explain(scenario, result));
  if (scenario.expect.kind === "violate") {
    expect(scenario.faults.schedule, "found from generated faults alone").toEqual([]);
    expect(result.finding!.counterexample.faults.length).toBeLessThanOrEqual(SHRUNK_FAULTS_MAX);
  }
}

function explain(scenario: Scenario, result: ScenarioResult): string {
  if (result.verdict === "error") return `${scenario.name}: the harness failed: ${result.error}`;
  const finding = result.finding;
  if (finding === undefined) {
    return `${scenario.name}: expected one of ${JSON.stringify(result.expect)} within ${result.runs} runs, found nothing`;
  }
  return [
    `${scenario.name}: expected to hold, but run ${finding.runsToFind} violated it:`,
    ...finding.violations.slice(0, 5).map((v) => `  ${v.check}: ${v.message}`),
    "shrunk faults:",
    ...finding.counterexample.faults.map((f) => `  ${faultToText(f)}`),
    `replay: ${finding.replayCommand}`,
  ].join("\n");
}
