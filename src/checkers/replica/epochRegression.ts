/**
 * epoch-regression: a replica's leader epoch went down, or the controller's partition epoch did.
 */
import { formatSeconds } from "../../kernel/time";
import type { TraceEvent } from "../../kernel/trace";
import type { Violation } from "../violation";
import { detailOf, type ReplicaInvariant } from "./replicaInvariant";

export class EpochRegression implements ReplicaInvariant {
  readonly name = "epoch-regression" as const;
  /** The controller's partition changes, and what each replica hears of its leader epoch. */
  readonly kinds = ["become-leader", "become-follower", "leader-change", "isr-change", "elr-change"];
  readonly violations: Violation[] = [];
  private readonly highest = new Map<string, number>();

  onEvent(event: TraceEvent): void {
    const detail = detailOf(event);
    const partition = String(detail.partition);
    const fromController = event.kind === "leader-change" || event.kind === "isr-change" || event.kind === "elr-change";
    const epoch = Number(fromController ? detail.partitionEpoch : detail.leaderEpoch);
    if (Number.isNaN(epoch)) return;
    const key = `${event.node}/${partition}`;
    const previous = this.highest.get(key);
    if (previous !== undefined && epoch < previous) {
      const what = fromController ? "partition epoch" : "leader epoch";
      this.violations.push({
        check: "epoch-regression",
        partition,
        timeUs: event.timeUs,
        traceIndex: event.index,
        message: `${event.node}'s ${what} for ${partition} went from ${previous} down to ${epoch} at ${formatSeconds(event.timeUs)}`,
      });
    }
    if (previous === undefined || epoch > previous) this.highest.set(key, epoch);
  }

  finish(): void {}
}
