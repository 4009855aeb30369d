/**
 * log-divergence: two replicas hold different records at the same offset, both below the smaller
 * of their high watermarks. Checked whenever a leader takes over and at the end of the run.
 */
import { formatSeconds } from "../../kernel/time";
import type { Violation } from "../violation";
import type { ClusterView, ReplicaView } from "./clusterView";
import { firstMismatch } from "./firstMismatch";
import { PartitionSweep } from "./partitionSweep";

export class LogDivergence extends PartitionSweep {
  readonly name = "log-divergence" as const;

  protected inspect(
    partition: string,
    view: ClusterView,
    timeUs: number,
    traceIndex: number,
  ): Violation | undefined {
    const replicas = view.brokerIds
      .map((b) => view.replica(b, partition))
      .filter((r): r is ReplicaView => r !== undefined);
    for (let i = 0; i < replicas.length; i++) {
      for (let j = i + 1; j < replicas.length; j++) {
        const [a, b] = [replicas[i]!, replicas[j]!];
        const found = firstDifference(a, b);
        if (found === undefined) continue;
        return {
          check: "log-divergence",
          partition,
          offsets: [found.offset],
          values: [found.a ?? "(none)", found.b ?? "(none)"],
          timeUs,
          traceIndex,
          message:
            `at ${formatSeconds(timeUs)} ${a.broker} holds ${found.a ?? "nothing"} and ${b.broker} holds ${found.b ?? "nothing"} ` +
            `at offset ${found.offset} of ${partition}, below both high watermarks (${a.highWatermark}, ${b.highWatermark})`,
        };
      }
    }
    return undefined;
  }
}

function firstDifference(
  a: ReplicaView,
  b: ReplicaView,
): { offset: number; a?: string; b?: string } | undefined {
  const end = Math.min(a.highWatermark, b.highWatermark, a.logEndOffset, b.logEndOffset);
  const offset = firstMismatch(a, b, Math.max(a.logStartOffset, b.logStartOffset), end);
  return offset === undefined ? undefined : { offset, a: a.valueAt(offset), b: b.valueAt(offset) };
}
