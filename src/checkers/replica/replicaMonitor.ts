/**
 * Runs the replica invariants alongside a simulation: subscribes to the trace, routes each event
 * to the invariants that asked for its kind, and runs the end-of-run checks.
 */
import type { Cluster } from "../../cluster/cluster";
import type { CheckName, Violation } from "../violation";
import { viewOf, type ClusterView } from "./clusterView";
import { CommittedLost } from "./committedLost";
import { EpochRegression } from "./epochRegression";
import { HwRegression } from "./hwRegression";
import { IsrCompleteness } from "./isrCompleteness";
import { LogDivergence } from "./logDivergence";
import type { ReplicaInvariant } from "./replicaInvariant";
import { SingleLeader } from "./singleLeader";

const ALL: readonly (() => ReplicaInvariant)[] = [
  () => new CommittedLost(),
  () => new LogDivergence(),
  () => new HwRegression(),
  () => new SingleLeader(),
  () => new EpochRegression(),
  () => new IsrCompleteness(),
];

export class ReplicaMonitor {
  private readonly invariants: ReplicaInvariant[];
  private readonly view: ClusterView;

  constructor(
    private readonly cluster: Cluster,
    checks?: readonly CheckName[],
  ) {
    this.view = viewOf(cluster);
    this.invariants = ALL.map((make) => make()).filter(
      (inv) => checks === undefined || checks.includes(inv.name),
    );
    const byKind = new Map<string, ReplicaInvariant[]>();
    for (const invariant of this.invariants) {
      for (const kind of invariant.kinds) byKind.set(kind, [...(byKind.get(kind) ?? []), invariant]);
    }
    for (const [kind, interested] of byKind) {
      cluster.sim.trace.watch([kind], (event) => {
        for (const invariant of interested) invariant.onEvent(event, this.view);
      });
    }
  }

  /** End-of-run checks, then every violation found, in the order found. */
  finish(): Violation[] {
    const sim = this.cluster.sim;
    for (const invariant of this.invariants) invariant.finish(this.view, sim.nowUs(), sim.trace.length);
    return this.invariants.flatMap((invariant) => invariant.violations);
  }
}
