/**
 * Finds the batch holding an offset in one replica's log, fast when offsets are asked in
 * ascending order (as the replica checks walk them): it remembers where the last batch was and
 * tries the one after it before searching. Harness-side, read-only.
 */
import type { PartitionLog } from "../../storage/partitionLog";
import type { RecordBatch } from "../../storage/recordBatch";

export class BatchCursor {
  private segmentIndex = 0;
  private position = -1;
  private last: RecordBatch | undefined;

  constructor(private readonly log: PartitionLog) {}

  batchAt(offset: number): RecordBatch | undefined {
    if (this.holds(offset)) return this.last;
    // Walking upward: the batch after the last one is the likely answer.
    if (this.last !== undefined && offset >= this.last.baseOffset && this.step() && this.holds(offset)) return this.last;
    return this.seek(offset);
  }

  private holds(offset: number): boolean {
    const batch = this.last;
    return batch !== undefined && offset >= batch.baseOffset && offset < batch.baseOffset + batch.records.length;
  }

  /** Moves to the batch after the current one; false at the end of the log. */
  private step(): boolean {
    const segments = this.log.segments();
    let segment = segments[this.segmentIndex];
    let position = this.position + 1;
    while (segment !== undefined && position >= segment.batchCount) {
      segment = segments[++this.segmentIndex];
      position = 0;
    }
    if (segment === undefined) {
      this.last = undefined;
      return false;
    }
    this.position = position;
    this.last = segment.batchAt(position);
    return true;
  }

  private seek(offset: number): RecordBatch | undefined {
    this.segmentIndex = this.log.segmentIndexFor(offset);
    const segment = this.log.segments()[this.segmentIndex]!;
    this.position = segment.findBatchIndex(offset);
    this.last = segment.batchAt(this.position);
    return this.holds(offset) ? this.last : undefined;
  }
}
