/** Collects the log truncations brokers report in the trace, to explain losses in plain words. */
import type { Trace } from "../kernel/trace";
import type { Truncation } from "../checkers";

export class TruncationLog {
  readonly entries: Truncation[] = [];

  constructor(trace: Trace) {
    trace.watch(["truncate"], (event) => {
      const detail = event.detail as { partition: string; toOffset: number };
      this.entries.push({
        timeUs: event.timeUs,
        broker: event.node,
        partition: detail.partition,
        toOffset: detail.toOffset,
        traceIndex: event.index,
      });
    });
  }
}
