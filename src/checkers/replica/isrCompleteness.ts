/**
 * isr-completeness: a member of the ISR, as the controller knows it, lacks a record below the
 * leader's high watermark (or holds a different one). Checked as leaders take over and at the end.
 */
import { formatSeconds } from "../../kernel/time";
import type { TraceEvent } from "../../kernel/trace";
import type { Violation } from "../violation";
import type { ClusterView } from "./clusterView";
import { detailOf, type ReplicaInvariant } from "./replicaInvariant";

export class IsrCompleteness implements ReplicaInvariant {
  readonly name = "isr-completeness" as const;
  readonly kinds = ["become-leader"];
  readonly violations: Violation[] = [];
  private readonly reported = new Set<string>();

  onEvent(event: TraceEvent, view: ClusterView): void {
    this.check(String(detailOf(event).partition), view, event.timeUs, event.index);
  }

  finish(view: ClusterView, timeUs: number, traceIndex: number): void {
    for (const partition of view.partitionNames()) this.check(partition, view, timeUs, traceIndex);
  }

  private check(partition: string, view: ClusterView, timeUs: number, traceIndex: number): void {
    const state = view.controllerState(partition);
    if (this.reported.has(partition) || state?.leader == null) return;
    const leader = view.replica(state.leader, partition);
    if (leader === undefined || leader.role !== "leader") return;
    for (const member of state.isr) {
      if (member === state.leader) continue;
      const replica = view.replica(member, partition);
      if (replica === undefined) continue; // down: fencing will take it out of the ISR
      for (let offset = Math.max(leader.logStartOffset, replica.logStartOffset); offset < leader.highWatermark; offset++) {
        const expected = leader.valueAt(offset);
        if (replica.valueAt(offset) === expected) continue;
        this.reported.add(partition);
        this.violations.push({
          check: "isr-completeness",
          partition,
          offsets: [offset],
          values: expected === undefined ? [] : [expected],
          timeUs,
          traceIndex,
          message: `${member} is in the ISR of ${partition} but lacks ${expected ?? "the record"} at offset ${offset}, below leader ${state.leader}'s high watermark ${leader.highWatermark} (at ${formatSeconds(timeUs)})`,
        });
        return;
      }
    }
  }
}
