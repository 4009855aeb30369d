/**
 * The grid: acks 0/1/all × idempotence on/off × min ISR 1/2 × unclean election on/off ×
 * in-flight 1/5 × consumer strategy. Combinations Kafka refuses (idempotence without acks=all) are
 * left out, as a real cluster would never run them.
 */
import type { SwarmValue } from "../scenario/scenario";

export interface MatrixCell {
  readonly acks: "0" | "1" | "all";
  readonly idempotence: boolean;
  readonly minInsyncReplicas: 1 | 2;
  readonly uncleanElection: boolean;
  readonly inFlight: 1 | 5;
  readonly strategy: "commit-then-process" | "process-then-commit" | "auto-commit" | "idempotent-sink";
}

export const STRATEGIES = ["commit-then-process", "process-then-commit", "auto-commit", "idempotent-sink"] as const;

export function matrixCells(): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const acks of ["0", "1", "all"] as const) {
    for (const idempotence of [true, false]) {
      if (idempotence && acks !== "all") continue;
      for (const minInsyncReplicas of [1, 2] as const) {
        for (const uncleanElection of [false, true]) {
          for (const inFlight of [1, 5] as const) {
            for (const strategy of STRATEGIES) cells.push({ acks, idempotence, minInsyncReplicas, uncleanElection, inFlight, strategy });
          }
        }
      }
    }
  }
  return cells;
}

/** The cell as overrides of the base scenario (the swarm paths withSwarmChoices understands). */
export function cellOverrides(cell: MatrixCell): Record<string, SwarmValue> {
  return {
    "producers[0].config.acks": cell.acks,
    "producers[0].config.enable.idempotence": cell.idempotence,
    "producers[0].config.max.in.flight.requests.per.connection": cell.inFlight,
    "cluster.broker.min.insync.replicas": cell.minInsyncReplicas,
    "cluster.broker.unclean.leader.election.enable": cell.uncleanElection,
    "consumers[0].strategy": cell.strategy,
  };
}

export function cellLabel(cell: MatrixCell): string {
  return [
    `acks=${cell.acks}`,
    cell.idempotence ? "idempotent" : "non-idempotent",
    `minISR=${cell.minInsyncReplicas}`,
    cell.uncleanElection ? "unclean" : "clean",
    `inflight=${cell.inFlight}`,
    cell.strategy,
  ].join(" ");
}
