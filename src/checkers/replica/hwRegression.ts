/** hw-regression: a leader's high watermark went down within its leader epoch. */
import { formatSeconds } from "../../kernel/time";
import type { TraceEvent } from "../../kernel/trace";
import type { Violation } from "../violation";
import { detailOf, type ReplicaInvariant } from "./replicaInvariant";

export class HwRegression implements ReplicaInvariant {
  readonly name = "hw-regression" as const;
  readonly kinds = ["hw", "become-leader", "become-follower"];
  readonly violations: Violation[] = [];
  /** Per broker, per partition: the leader epoch and the highest HW seen in it. */
  private readonly last = new Map<string, Map<string, { epoch: number; highWatermark: number }>>();

  onEvent(event: TraceEvent): void {
    const detail = detailOf(event);
    const partition = String(detail.partition);
    if (event.kind !== "hw") {
      this.last.get(event.node)?.delete(partition);
      return;
    }
    if (detail.leader !== true) return;
    let byPartition = this.last.get(event.node);
    if (byPartition === undefined) this.last.set(event.node, (byPartition = new Map()));
    const epoch = Number(detail.leaderEpoch);
    const highWatermark = Number(detail.highWatermark);
    const previous = byPartition.get(partition);
    if (previous === undefined) {
      byPartition.set(partition, { epoch, highWatermark });
      return;
    }
    if (previous.epoch === epoch && highWatermark < previous.highWatermark) {
      this.violations.push({
        check: "hw-regression",
        partition,
        offsets: [previous.highWatermark, highWatermark],
        timeUs: event.timeUs,
        traceIndex: event.index,
        message: `${event.node}, leader of ${partition} in epoch ${epoch}, lowered its high watermark from ${previous.highWatermark} to ${highWatermark} at ${formatSeconds(event.timeUs)}`,
      });
    }
    if (previous.epoch !== epoch || highWatermark > previous.highWatermark) {
      previous.epoch = epoch;
      previous.highWatermark = highWatermark;
    }
  }

  finish(): void {}
}
