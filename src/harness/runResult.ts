/** What one simulated run of a scenario produced. */
import type { Violation } from "../checkers/violation";
import type { RunOutcome } from "../kernel/simulator";
import type { TraceEvent } from "../kernel/trace";
import type { NetworkStats } from "../network/stats";
import type { FaultSpec } from "../scenario/faultSpec";
import type { SwarmValue } from "../scenario/scenario";
import type { PartitionSample } from "./timelineSampler";

export interface RunResult {
  readonly scenario: string;
  /** The simulation seed (what fast-check drew; never shrunk). */
  readonly seed: number;
  readonly faults: readonly FaultSpec[];
  readonly swarmChoices?: Readonly<Record<string, SwarmValue>>;
  /** Violations of the checks the scenario asserts (and those its expectation names). */
  readonly violations: readonly Violation[];
  readonly fingerprint: string;
  readonly outcome: RunOutcome;
  readonly network: NetworkStats;
  readonly historyOps: number;
  /** Set when the run recorded its trace (replay, reports). */
  readonly trace?: readonly TraceEvent[];
  /** Set when the run sampled replica state (reports). */
  readonly timeline?: readonly PartitionSample[];
}
