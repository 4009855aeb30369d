/** single-leader: two brokers both accepted produces for one partition in the same leader epoch. */
import { formatSeconds } from "../../kernel/time";
import type { TraceEvent } from "../../kernel/trace";
import type { Violation } from "../violation";
import { detailOf, type ReplicaInvariant } from "./replicaInvariant";

export class SingleLeader implements ReplicaInvariant {
  readonly name = "single-leader" as const;
  readonly kinds = ["append"];
  readonly violations: Violation[] = [];
  /** Partition → leader epoch → the broker that appended first (no key string built per append). */
  private readonly appender = new Map<string, Map<number, string>>();

  onEvent(event: TraceEvent): void {
    const detail = detailOf(event);
    const partition = String(detail.partition);
    let byEpoch = this.appender.get(partition);
    if (byEpoch === undefined) this.appender.set(partition, (byEpoch = new Map()));
    const epoch = Number(detail.leaderEpoch);
    const first = byEpoch.get(epoch);
    if (first === undefined) {
      byEpoch.set(epoch, event.node);
      return;
    }
    if (first === event.node) return;
    byEpoch.set(epoch, event.node);
    this.violations.push({
      check: "single-leader",
      partition,
      offsets: [Number(detail.baseOffset)],
      timeUs: event.timeUs,
      traceIndex: event.index,
      message: `${first} and ${event.node} both accepted produces for ${partition} in leader epoch ${epoch} (${event.node} at ${formatSeconds(event.timeUs)})`,
    });
  }

  finish(): void {}
}
