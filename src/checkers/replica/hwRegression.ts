/** hw-regression: a leader's high watermark went down within its leader epoch. */
import { formatSeconds } from "../../kernel/time";
import type { TraceEvent } from "../../kernel/trace";
import type { Violation } from "../violation";
import { detailOf, type ReplicaInvariant } from "./replicaInvariant";

export class HwRegression implements ReplicaInvariant {
  readonly name = "hw-regression" as const;
  readonly kinds = ["hw", "become-leader", "become-follower"];
  readonly violations: Violation[] = [];
  /** Per "broker/partition": the leader epoch and the highest HW seen in it. */
  private readonly last = new Map<string, { epoch: number; highWatermark: number }>();

  onEvent(event: TraceEvent): void {
    const detail = detailOf(event);
    const key = `${event.node}/${String(detail.partition)}`;
    if (event.kind !== "hw") {
      this.last.delete(key);
      return;
    }
    if (detail.leader !== true) return;
    const epoch = Number(detail.leaderEpoch);
    const highWatermark = Number(detail.highWatermark);
    const previous = this.last.get(key);
    if (previous !== undefined && previous.epoch === epoch && highWatermark < previous.highWatermark) {
      this.violations.push({
        check: "hw-regression",
        partition: String(detail.partition),
        offsets: [previous.highWatermark, highWatermark],
        timeUs: event.timeUs,
        traceIndex: event.index,
        message: `${event.node}, leader of ${String(detail.partition)} in epoch ${epoch}, lowered its high watermark from ${previous.highWatermark} to ${highWatermark} at ${formatSeconds(event.timeUs)}`,
      });
    }
    if (previous === undefined || previous.epoch !== epoch || highWatermark > previous.highWatermark) {
      this.last.set(key, { epoch, highWatermark });
    }
  }

  finish(): void {}
}
