/**
 * isr-completeness: a member of the ISR, as the controller knows it, lacks a record below the
 * leader's high watermark (or holds a different one). Checked as leaders take over and at the end.
 */
import { formatSeconds } from "../../kernel/time";
import type { Violation } from "../violation";
import type { ClusterView } from "./clusterView";
import { firstMismatch } from "./firstMismatch";
import { PartitionSweep } from "./partitionSweep";

export class IsrCompleteness extends PartitionSweep {
  readonly name = "isr-completeness" as const;

  protected inspect(
    partition: string,
    view: ClusterView,
    timeUs: number,
    traceIndex: number,
  ): Violation | undefined {
    const state = view.controllerState(partition);
    if (state?.leader == null) return undefined;
    const leader = view.replica(state.leader, partition);
    if (leader === undefined || leader.role !== "leader") return undefined;
    for (const member of state.isr) {
      if (member === state.leader) continue;
      const replica = view.replica(member, partition);
      if (replica === undefined) continue; // down: fencing will take it out of the ISR
      const offset = firstMismatch(leader, replica, Math.max(leader.logStartOffset, replica.logStartOffset), leader.highWatermark);
      if (offset === undefined) continue;
      const expected = leader.valueAt(offset);
      return {
        check: "isr-completeness",
        partition,
        offsets: [offset],
        values: expected === undefined ? [] : [expected],
        timeUs,
        traceIndex,
        message: `${member} is in the ISR of ${partition} but lacks ${expected ?? "the record"} at offset ${offset}, below leader ${state.leader}'s high watermark ${leader.highWatermark} (at ${formatSeconds(timeUs)})`,
      };
    }
    return undefined;
  }
}
