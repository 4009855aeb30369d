/**
 * `inconsistent-offsets`: one (partition, offset) observed with different values by different
 * reads (any `PollOk`, drain or not). One violation per (partition, offset), listing every value
 * seen there, stamped with the first read that disagreed with an earlier one.
 */
import type { HistoryOp } from "../history/types";
import { partitionName } from "../history/types";
import type { Micros } from "../kernel/time";
import { formatSeconds } from "../kernel/time";
import type { CheckContext, HistoryChecker } from "./historyChecker";
import type { Violation } from "./violation";

interface ValuesAtOffset {
  /** Distinct values read at this offset, in the order first seen. */
  readonly values: string[];
  firstDisagreement: { readonly timeUs: Micros; readonly traceIndex: number; readonly client: string } | null;
}

export class InconsistentOffsetsChecker implements HistoryChecker {
  readonly name = "inconsistent-offsets";
  /**
   * Partition → what was read at each offset: the value itself while every read agreed (almost
   * always: a million records' worth of fuller records costs ~100 MiB). Offsets are dense from
   * the log start, so an array, not a Map.
   */
  private readonly readsByPartition = new Map<string, (string | ValuesAtOffset | undefined)[]>();

  observe(op: HistoryOp): void {
    if (op.f !== "poll" || op.type !== "ok") return;
    for (const record of op.records) {
      const partition = partitionName(record);
      let reads = this.readsByPartition.get(partition);
      if (reads === undefined) {
        reads = [];
        this.readsByPartition.set(partition, reads);
      }
      const before = reads[record.offset];
      if (before === undefined) {
        reads[record.offset] = record.value;
      } else if (before !== record.value) {
        const atOffset = typeof before === "string" ? { values: [before], firstDisagreement: null } : before;
        if (atOffset.values.includes(record.value)) continue;
        atOffset.values.push(record.value);
        atOffset.firstDisagreement ??= { timeUs: op.timeUs, traceIndex: op.traceIndex, client: op.client };
        reads[record.offset] = atOffset;
      }
    }
  }

  finish(_context: CheckContext): Violation[] {
    const violations: Violation[] = [];
    for (const [partition, reads] of this.readsByPartition) {
      for (let offset = 0; offset < reads.length; offset++) {
        const atOffset = reads[offset];
        if (atOffset === undefined || typeof atOffset === "string") continue;
        const disagreement = atOffset.firstDisagreement;
        if (disagreement === null) continue;
        violations.push({
          check: "inconsistent-offsets",
          partition,
          offsets: [offset],
          values: atOffset.values,
          timeUs: disagreement.timeUs,
          traceIndex: disagreement.traceIndex,
          message: `${partition} offset ${offset} was read as ${atOffset.values.join(" and as ")} (the first disagreeing read by ${disagreement.client} at ${formatSeconds(disagreement.timeUs)})`,
        });
      }
    }
    return violations;
  }
}
