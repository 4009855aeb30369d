/**
 * Runs a scenario as a fast-check property: each run draws a seed, generated faults and swarm
 * choices, simulates, and counts as a counterexample when it violates what matters — any asserted
 * check for an `expect: hold` scenario, one of the named checks for `expect: violate`. fast-check
 * then shrinks the counterexample to the few faults that matter, and the result says whether the
 * expectation was met.
 */
import fc from "fast-check";
import type { Violation } from "../checkers/violation";
import { checkCovers, type CheckSpec } from "../scenario/checkSpec";
import { ScenarioError } from "../scenario/scenarioError";
import type { Scenario } from "../scenario/scenario";
import { Fingerprint } from "../kernel/fingerprint";
import type { Finding, ScenarioResult } from "./findings";
import { replayCommandFor } from "./replayCommand";
import { runOnce, type RunOptions } from "./runOnce";
import type { RunResult } from "./runResult";
import { faultsForRun, runInputArbitrary, scenarioForRun, type RunInput } from "./runInput";

export interface PropertyOptions {
  readonly runs: number;
  readonly fastCheckSeed: number;
  /** Wall-clock milliseconds, injected: the harness itself never reads the clock. */
  readonly wallClockMs: () => number;
  /** After each run; `shrinking` once a counterexample was found and fast-check is shrinking it. */
  readonly onRun?: (runsDone: number, shrinking: boolean) => void;
  /** Asked between runs: true stops the property early (Ctrl-C). */
  readonly interrupted?: () => boolean;
  /**
   * Awaited between runs, so signals and output get their turn (injected: the CLI yields to the
   * event loop; the harness never touches real timers).
   */
  readonly betweenRuns?: () => Promise<void>;
  readonly runOptions?: RunOptions;
}

/** The violations that make a run a counterexample for this scenario's expectation. */
export function decisiveViolations(scenario: Scenario, violations: readonly Violation[]): Violation[] {
  const wanted: readonly CheckSpec[] = scenario.expect.kind === "violate" ? scenario.expect.checks : scenario.checks;
  return violations.filter((v) => wanted.some((spec) => checkCovers(spec, specOf(v))));
}

function specOf(violation: Violation): CheckSpec {
  return (violation.scope !== undefined ? `${violation.check}:${violation.scope}` : violation.check) as CheckSpec;
}

export async function runProperty(scenario: Scenario, options: PropertyOptions): Promise<ScenarioResult> {
  const clock = options.wallClockMs;
  const startedMs = clock();
  let runsDone = 0;
  let simulatedMs = 0;
  const runsHash = new Fingerprint();
  let firstFailure: { runs: number; atMs: number; faults: number } | undefined;
  let harnessError: unknown;
  let lastDiscard: ScenarioError | undefined;
  const predicate = async (input: RunInput): Promise<boolean> => {
    await options.betweenRuns?.();
    if (options.interrupted?.() || harnessError !== undefined) return true;
    const runScenario = runScenarioOrSkip(scenario, input, (error) => (lastDiscard = error));
    let result: RunResult;
    try {
      result = runOnce(runScenario, input.seed, faultsForRun(runScenario, input.generated), options.runOptions);
    } catch (error) {
      harnessError = error; // a bug in ksim itself, not a finding: stop and report it
      return true;
    }
    runsDone++;
    simulatedMs += result.outcome.timeUs / 1000;
    runsHash.mixString(result.fingerprint);
    options.onRun?.(firstFailure?.runs ?? runsDone, firstFailure !== undefined);
    const failing = decisiveViolations(scenario, result.violations).length > 0;
    if (failing && firstFailure === undefined) firstFailure = { runs: runsDone, atMs: clock(), faults: result.faults.length };
    return !failing;
  };
  const details = await fc.check(fc.asyncProperty(runInputArbitrary(scenario), predicate), {
    seed: options.fastCheckSeed,
    numRuns: options.runs,
  });
  const base = {
    name: scenario.name,
    description: scenario.description,
    path: scenario.sourcePath,
    contentHash: scenario.contentHash,
    expect: scenario.expect.kind === "hold" ? ("hold" as const) : { violate: scenario.expect.checks },
    runsPlanned: options.runs,
    fastCheckSeed: options.fastCheckSeed,
  };
  const runsFingerprint = runsHash.hex();
  if (harnessError !== undefined) {
    return { ...base, verdict: "error", runs: runsDone, wallMs: clock() - startedMs, simulatedMs, runsFingerprint, error: errorText(harnessError) };
  }
  if (runsDone === 0 && !options.interrupted?.()) {
    // Nothing was tested: whatever the cause, that must never read as a pass.
    return { ...base, verdict: "error", runs: 0, wallMs: clock() - startedMs, simulatedMs, error: noRunText(lastDiscard) };
  }
  if (!details.failed || details.counterexample === null) {
    const verdict = scenario.expect.kind === "hold" ? "pass" : "fail";
    return { ...base, verdict, runs: firstFailureRuns(firstFailure, runsDone), wallMs: clock() - startedMs, simulatedMs, runsFingerprint };
  }
  const shrunk = details.counterexample[0];
  const replay = replayInput(scenario, shrunk, options.runOptions);
  const finding: Finding = {
    scenario: scenario.name,
    contentHash: scenario.contentHash,
    scenarioPath: scenario.sourcePath,
    fastCheckSeed: options.fastCheckSeed,
    fastCheckPath: details.counterexamplePath ?? "",
    counterexample: {
      seed: shrunk.seed,
      faults: replay.faults,
      ...(Object.keys(shrunk.swarm).length > 0 ? { swarmChoices: shrunk.swarm } : {}),
    },
    fingerprint: replay.fingerprint,
    violations: replay.violations,
    runsToFind: firstFailure?.runs ?? runsDone,
    faultsBeforeShrink: firstFailure?.faults ?? replay.faults.length,
    wallMsToFind: (firstFailure?.atMs ?? clock()) - startedMs,
    wallMsToShrink: clock() - (firstFailure?.atMs ?? startedMs),
    replayCommand: replayCommandFor(scenario.sourcePath, options.fastCheckSeed, details.counterexamplePath ?? ""),
  };
  const verdict = scenario.expect.kind === "violate" ? "pass" : "fail";
  return { ...base, verdict, runs: firstFailure?.runs ?? runsDone, wallMs: clock() - startedMs, simulatedMs, runsFingerprint, finding };
}

/** Re-runs the shrunk counterexample to get its exact violations and fingerprint. */
export function replayInput(scenario: Scenario, input: RunInput, runOptions?: RunOptions): RunResult {
  const runScenario = scenarioForRun(scenario, input.swarm);
  return runOnce(runScenario, input.seed, faultsForRun(runScenario, input.generated), runOptions);
}

/** A conflicting swarm combination is not a run: fast-check discards it. */
function runScenarioOrSkip(scenario: Scenario, input: RunInput, onDiscard: (error: ScenarioError) => void): Scenario {
  try {
    return scenarioForRun(scenario, input.swarm);
  } catch (error) {
    if (error instanceof ScenarioError) {
      onDiscard(error);
      fc.pre(false);
    }
    throw error;
  }
}

function noRunText(lastDiscard: ScenarioError | undefined): string {
  const why = lastDiscard === undefined ? "" : `; every drawn swarm combination conflicted, e.g. ${lastDiscard.message}`;
  return `no run executed, so nothing was tested${why}`;
}

function firstFailureRuns(first: { runs: number } | undefined, runsDone: number): number {
  return first?.runs ?? runsDone;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const where = error.stack?.split("\n").slice(1, 4).map((line) => line.trim()).join(" ← ") ?? "";
  return `${error.name}: ${error.message}${where === "" ? "" : ` (${where})`}`;
}
