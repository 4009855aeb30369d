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
  /** Every record read, in the order read; indexed by value only when a lookup needs it. */
  readonly readValues: string[];
  readonly readOffsets: number[];
  /** Value → offset of its first read, over the first `indexedReads` reads. */
  readonly offsetOfValue: Map<string, number>;
  indexedReads: number;
  maxOffset: number;
}

export class FinalLog {
  private readonly partitions = new Map<string, DrainedPartition>();
  /** Several checkers share one final log and each feeds it: an op is taken once. */
  private lastIndex = -1;
  /** The partition looked up last: reads and acks come a partition at a time. */
  private lastName = "";
  private lastFound: DrainedPartition | undefined;

  observe(op: HistoryOp): void {
    if (op.f !== "poll" || op.type !== "ok" || !op.drain || op.index <= this.lastIndex) return;
    this.lastIndex = op.index;
    for (const record of op.records) {
      const drained = this.partitionOrCreate(partitionName(record));
      drained.valueAtOffset[record.offset] ??= record.value;
      drained.readValues.push(record.value);
      drained.readOffsets.push(record.offset);
      if (record.offset > drained.maxOffset) drained.maxOffset = record.offset;
    }
  }

  /**
   * Whether the drain read `value` in `partition`. An acknowledged value is almost always where
   * its ack said (`atOffset`): that is one array read, and the value index is built only for the rest.
   */
  holds(partition: string, value: string, atOffset: number): boolean {
    const drained = this.find(partition);
    if (drained === undefined) return false;
    if (atOffset >= 0 && drained.valueAtOffset[atOffset] === value) return true;
    return this.indexed(drained).has(value);
  }

  /** The offset at which the drain first read `value` in `partition`, if it read it there. */
  offsetOf(partition: string, value: string): number | undefined {
    const drained = this.partitions.get(partition);
    return drained === undefined ? undefined : this.indexed(drained).get(value);
  }

  valueAt(partition: string, offset: number): string | undefined {
    return this.partitions.get(partition)?.valueAtOffset[offset];
  }

  /** The highest offset the drain read in `partition`, or -1 if it read none. */
  maxOffset(partition: string): number {
    return this.find(partition)?.maxOffset ?? -1;
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

  private find(partition: string): DrainedPartition | undefined {
    if (partition === this.lastName) return this.lastFound;
    const drained = this.partitions.get(partition);
    this.lastName = partition;
    this.lastFound = drained;
    return drained;
  }

  private partitionOrCreate(partition: string): DrainedPartition {
    let drained = this.find(partition);
    if (drained === undefined) {
      drained = { valueAtOffset: [], readValues: [], readOffsets: [], offsetOfValue: new Map(), indexedReads: 0, maxOffset: -1 };
      this.partitions.set(partition, drained);
      this.lastFound = drained;
    }
    return drained;
  }

  /** The value index, brought up to date with the reads since it was last used (first read wins). */
  private indexed(drained: DrainedPartition): Map<string, number> {
    const index = drained.offsetOfValue;
    for (let i = drained.indexedReads; i < drained.readValues.length; i++) {
      const value = drained.readValues[i]!;
      if (!index.has(value)) index.set(value, drained.readOffsets[i]!);
    }
    drained.indexedReads = drained.readValues.length;
    return index;
  }
}
