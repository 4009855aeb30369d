/**
 * After the heal the cluster must converge within the drain bound: every partition led, every ISR
 * full again, every partition drained to its end, every consumer group at the log end. What is
 * still missing at the bound becomes one `liveness` violation that says what and where.
 */
import type { Cluster } from "../cluster/cluster";
import type { Violation } from "../checkers/violation";
import { formatSeconds } from "../kernel/time";

export interface ConvergenceState {
  readonly drainComplete: ReadonlySet<string>;
  /** Groups that have not reached the log end. */
  readonly groupsBehind: readonly string[];
}

export function convergenceGaps(cluster: Cluster, partitions: readonly string[], state: ConvergenceState): string[] {
  const gaps: string[] = [];
  for (const name of partitions) {
    const partition = cluster.controllerDisk.partitions.get(name);
    if (partition === undefined) continue;
    if (partition.leader === null) gaps.push(`${name} has no leader`);
    else if (partition.isr.length < partition.replicas.length) {
      gaps.push(`${name}'s ISR is [${partition.isr.join(", ")}] of [${partition.replicas.join(", ")}]`);
    }
    if (!state.drainComplete.has(name)) gaps.push(`${name} was not drained to its end`);
  }
  for (const group of state.groupsBehind) gaps.push(`group ${group} did not reach the log end`);
  return gaps;
}

export function livenessViolation(gaps: readonly string[], timeUs: number, traceIndex: number, bound: string): Violation {
  const shown = gaps.slice(0, 5).join("; ");
  const more = gaps.length > 5 ? `; and ${gaps.length - 5} more` : "";
  return {
    check: "liveness",
    timeUs,
    traceIndex,
    message: `the cluster did not converge by ${formatSeconds(timeUs)} (${bound}): ${shown}${more}`,
  };
}
