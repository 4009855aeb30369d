/**
 * Where each consumer group started reading each partition: the offset its first owner resumed
 * at, when that owner found no committed offset. auto.offset.reset then chose the start
 * (`latest`: the log end as it stood), so records below it were never the group's to process —
 * Kafka promises a group only what lies at or after its starting position. Only the first resume
 * counts: a later one that finds no committed offset follows a lost commit, and what it skips is lost.
 */
import type { HistoryOp } from "../../history/types";
import { partitionName } from "../../history/types";
import { compositeKey } from "./compositeKey";

export class GroupStarts {
  /** compositeKey(group, partition) → the offset below which the group owes nothing. */
  private readonly startOffsets = new Map<string, number>();

  observe(op: HistoryOp): void {
    if (op.f !== "resume") return;
    const key = compositeKey(op.group, partitionName(op));
    if (this.startOffsets.has(key)) return;
    this.startOffsets.set(key, op.committed === null ? op.offset : 0);
  }

  /** The offset `group` started reading `partition` at (0 if it never resumed there). */
  startOffset(group: string, partition: string): number {
    return this.startOffsets.get(compositeKey(group, partition)) ?? 0;
  }
}
