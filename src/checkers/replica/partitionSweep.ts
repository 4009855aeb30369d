/**
 * The shape shared by invariants that compare replicas of one partition: checked whenever a leader
 * takes over and once more at the end of the run, and reported once per partition.
 */
import type { TraceEvent } from "../../kernel/trace";
import type { CheckName, Violation } from "../violation";
import type { ClusterView } from "./clusterView";
import { detailOf, type ReplicaInvariant } from "./replicaInvariant";

export abstract class PartitionSweep implements ReplicaInvariant {
  abstract readonly name: CheckName;
  readonly kinds = ["become-leader"];
  readonly violations: Violation[] = [];
  private readonly reported = new Set<string>();

  onEvent(event: TraceEvent, view: ClusterView): void {
    this.check(String(detailOf(event).partition), view, event.timeUs, event.index);
  }

  finish(view: ClusterView, timeUs: number, traceIndex: number): void {
    for (const partition of view.partitionNames()) this.check(partition, view, timeUs, traceIndex);
  }

  /** The partition's violation as the replicas stand now, if any. */
  protected abstract inspect(
    partition: string,
    view: ClusterView,
    timeUs: number,
    traceIndex: number,
  ): Violation | undefined;

  private check(partition: string, view: ClusterView, timeUs: number, traceIndex: number): void {
    if (this.reported.has(partition)) return;
    const violation = this.inspect(partition, view, timeUs, traceIndex);
    if (violation === undefined) return;
    this.reported.add(partition);
    this.violations.push(violation);
  }
}
