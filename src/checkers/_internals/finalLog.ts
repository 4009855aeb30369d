/**
 * The final log of each partition: what the drain (`PollOk` with `drain: true`) read from it.
 * When the drain read one offset twice, the first value read stands (a conflict is
 * `inconsistent-offsets`' business, not this record's).
 */
import type { HistoryOp } from "../../history/types";
import { partitionName } from "../../history/types";

interface DrainedPartition {
  readonly valueAtOffset: Map<number, string>;
  readonly offsetOfValue: Map<string, number>;
  maxOffset: number;
  /** Offsets ascending, built on first demand after the history has ended. */
  sortedOffsets: number[] | null;
}

export class FinalLog {
  private readonly partitions = new Map<string, DrainedPartition>();
  /** Several checkers share one final log and each feeds it: an op is taken once. */
  private lastIndex = -1;

  observe(op: HistoryOp): void {
    if (op.f !== "poll" || op.type !== "ok" || !op.drain || op.index <= this.lastIndex) return;
    this.lastIndex = op.index;
    for (const record of op.records) {
      const drained = this.partitionOrCreate(partitionName(record));
      if (!drained.valueAtOffset.has(record.offset)) drained.valueAtOffset.set(record.offset, record.value);
      if (!drained.offsetOfValue.has(record.value)) drained.offsetOfValue.set(record.value, record.offset);
      drained.maxOffset = Math.max(drained.maxOffset, record.offset);
      drained.sortedOffsets = null;
    }
  }

  /** The offset the drain read `value` at in `partition`, if it read it there. */
  offsetOf(partition: string, value: string): number | undefined {
    return this.partitions.get(partition)?.offsetOfValue.get(value);
  }

  valueAt(partition: string, offset: number): string | undefined {
    return this.partitions.get(partition)?.valueAtOffset.get(offset);
  }

  /** The highest offset the drain read in `partition`, or -1 if it read none. */
  maxOffset(partition: string): number {
    return this.partitions.get(partition)?.maxOffset ?? -1;
  }

  /** The drained offsets `o` of `partition` with `fromOffset <= o < toOffset`, ascending. */
  offsetsBetween(partition: string, fromOffset: number, toOffset: number): number[] {
    const drained = this.partitions.get(partition);
    if (drained === undefined) return [];
    drained.sortedOffsets ??= [...drained.valueAtOffset.keys()].sort((a, b) => a - b);
    const sorted = drained.sortedOffsets;
    return sorted.slice(lowerBound(sorted, fromOffset), lowerBound(sorted, toOffset));
  }

  private partitionOrCreate(partition: string): DrainedPartition {
    let drained = this.partitions.get(partition);
    if (drained === undefined) {
      drained = { valueAtOffset: new Map(), offsetOfValue: new Map(), maxOffset: -1, sortedOffsets: null };
      this.partitions.set(partition, drained);
    }
    return drained;
  }
}

/** Index of the first element of ascending `sorted` that is >= `target`. */
function lowerBound(sorted: readonly number[], target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Infinity) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
