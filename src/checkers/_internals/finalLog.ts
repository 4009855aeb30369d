/**
 * The final log of each partition: what the drain (`PollOk` with `drain: true`) read from it.
 * When the drain read one offset twice, the first value read stands (a conflict is
 * `inconsistent-offsets`' business, not this record's).
 */
import type { HistoryOp } from "../../history/types";
import { partitionName } from "../../history/types";

interface DrainedPartition {
  /** Value by offset (offsets are dense from the log start: an array, not a Map, at a million records). */
  readonly valueAtOffset: (string | undefined)[];
  readonly offsetOfValue: Map<string, number>;
  maxOffset: number;
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
      drained.valueAtOffset[record.offset] ??= record.value;
      if (!drained.offsetOfValue.has(record.value)) drained.offsetOfValue.set(record.value, record.offset);
      drained.maxOffset = Math.max(drained.maxOffset, record.offset);
    }
  }

  /** The offset the drain read `value` at in `partition`, if it read it there. */
  offsetOf(partition: string, value: string): number | undefined {
    return this.partitions.get(partition)?.offsetOfValue.get(value);
  }

  valueAt(partition: string, offset: number): string | undefined {
    return this.partitions.get(partition)?.valueAtOffset[offset];
  }

  /** The highest offset the drain read in `partition`, or -1 if it read none. */
  maxOffset(partition: string): number {
    return this.partitions.get(partition)?.maxOffset ?? -1;
  }

  /** The drained offsets `o` of `partition` with `fromOffset <= o < toOffset`, ascending. */
  offsetsBetween(partition: string, fromOffset: number, toOffset: number): number[] {
    const drained = this.partitions.get(partition);
    if (drained === undefined) return [];
    const offsets: number[] = [];
    const end = Math.min(toOffset, drained.maxOffset + 1);
    for (let offset = Math.max(0, fromOffset); offset < end; offset++) {
      if (drained.valueAtOffset[offset] !== undefined) offsets.push(offset);
    }
    return offsets;
  }

  private partitionOrCreate(partition: string): DrainedPartition {
    let drained = this.partitions.get(partition);
    if (drained === undefined) {
      drained = { valueAtOffset: [], offsetOfValue: new Map(), maxOffset: -1 };
      this.partitions.set(partition, drained);
    }
    return drained;
  }
}
