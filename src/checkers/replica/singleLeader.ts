/** single-leader: two brokers both accepted produces for one partition in the same leader epoch. */
import { formatSeconds } from "../../kernel/time";
import type { TraceEvent } from "../../kernel/trace";
import type { Violation } from "../violation";
import { detailOf, type ReplicaInvariant } from "./replicaInvariant";

export class SingleLeader implements ReplicaInvariant {
  readonly name = "single-leader" as const;
  readonly kinds = ["append"];
  readonly violations: Violation[] = [];
  /** "partition@epoch" → the broker that appended first. */
  private readonly appender = new Map<string, string>();

  onEvent(event: TraceEvent): void {
    const detail = detailOf(event);
    const key = `${String(detail.partition)}@${Number(detail.leaderEpoch)}`;
    const first = this.appender.get(key);
    if (first === undefined) {
      this.appender.set(key, event.node);
      return;
    }
    if (first === event.node) return;
    this.appender.set(key, event.node);
    this.violations.push({
      check: "single-leader",
      partition: String(detail.partition),
      offsets: [Number(detail.baseOffset)],
      timeUs: event.timeUs,
      traceIndex: event.index,
      message: `${first} and ${event.node} both accepted produces for ${String(detail.partition)} in leader epoch ${Number(detail.leaderEpoch)} (${event.node} at ${formatSeconds(event.timeUs)})`,
    });
  }

  finish(): void {}
}
