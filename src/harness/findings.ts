/**
 * The records a property run leaves behind: per scenario, whether its expectation was met, and for
 * the counterexample found (a violation of a `hold` scenario, or the bug a `violate` scenario must
 * find) everything needed to replay it exactly. `results.json` is a `SuiteResults`.
 */
import type { Violation } from "../checkers/violation";
import type { CheckSpec } from "../scenario/checkSpec";
import type { FaultSpec } from "../scenario/faultSpec";
import type { SwarmValue } from "../scenario/scenario";

export const RESULTS_SCHEMA_VERSION = 1;

/** What fast-check drew for one run: all a replay needs besides the scenario. */
export interface Counterexample {
  /** The simulation seed. */
  readonly seed: number;
  /** The whole fault schedule of the run: the scenario's own schedule plus what was generated. */
  readonly faults: readonly FaultSpec[];
  readonly swarmChoices?: Readonly<Record<string, SwarmValue>>;
}

export interface Finding {
  readonly scenario: string;
  /** sha256 of the scenario file's text: a replay refuses a scenario that changed since. */
  readonly contentHash: string;
  readonly scenarioPath: string;
  /** fast-check's master seed and the path to the shrunk counterexample. */
  readonly fastCheckSeed: number;
  readonly fastCheckPath: string;
  readonly counterexample: Counterexample;
  readonly fingerprint: string;
  readonly violations: readonly Violation[];
  /** Runs until the first failing run, the faults it had, and the time to find and to shrink it. */
  readonly runsToFind: number;
  readonly faultsBeforeShrink: number;
  readonly wallMsToFind: number;
  readonly wallMsToShrink: number;
  /** One command that replays it exactly. */
  readonly replayCommand: string;
  /** Files written beside the report, relative to the report folder. */
  readonly files?: { readonly finding: string; readonly history?: string; readonly trace?: string };
}

export const VERDICTS = ["pass", "fail", "error"] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
  readonly path: string;
  readonly contentHash: string;
  /** "hold", or the checks one of which must be violated. */
  readonly expect: "hold" | { readonly violate: readonly CheckSpec[] };
  /** pass: the expectation held; fail: it did not; error: the harness itself failed. */
  readonly verdict: Verdict;
  readonly runs: number;
  readonly runsPlanned: number;
  readonly fastCheckSeed: number;
  readonly wallMs: number;
  /** Set when a run violated a check (a failure for `hold`, the wanted catch for `violate`). */
  readonly finding?: Finding;
  /** Set for verdict "error": what went wrong. */
  readonly error?: string;
  /** Total simulated time across runs, for throughput figures. */
  readonly simulatedMs: number;
  /**
   * One hash of every run's trace fingerprint, in the order the runs went (shrinking included): a
   * sweep that passed reproduced only if this did too. Absent in results from before it existed.
   */
  readonly runsFingerprint?: string;
}

export interface SuiteResults {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly tool: "ksim";
  /** Shard this covers, e.g. "1/2"; absent for a whole run. */
  readonly shard?: string;
  readonly scenarios: readonly ScenarioResult[];
}
