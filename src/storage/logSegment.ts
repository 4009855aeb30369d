/**
 * One segment of a partition log: the batches from `baseOffset` on, a sparse offset index over
 * them, and the append time of every batch (durability and retention judge by it).
 *
 * Positions are indexes into the segment's batch list, standing in for byte positions in the
 * .log file. As in Kafka's LogSegment.append, an index entry maps a batch's last offset to its
 * position and is added once more than `indexIntervalBytes` have been written since the previous
 * entry, so the first batch of a segment is never indexed and lookup falls back to position 0.
 */
import type { Micros } from "../kernel/time";
import { lastOffsetOf, type RecordBatch } from "./recordBatch";

export class LogSegment {
  private readonly batchList: RecordBatch[] = [];
  private readonly batchSizesBytes: number[] = [];
  private readonly appendTimesUs: Micros[] = [];
  private readonly indexOffsets: number[] = [];
  private readonly indexPositions: number[] = [];
  private bytesSinceLastIndexEntry = 0;
  private segmentSizeBytes = 0;

  constructor(
    readonly baseOffset: number,
    private readonly indexIntervalBytes: number,
  ) {}

  get sizeBytes(): number {
    return this.segmentSizeBytes;
  }

  get batchCount(): number {
    return this.batchList.length;
  }

  get isEmpty(): boolean {
    return this.batchList.length === 0;
  }

  /** The offset the next batch appended here would get. */
  get nextOffset(): number {
    const last = this.batchList[this.batchList.length - 1];
    return last === undefined ? this.baseOffset : lastOffsetOf(last) + 1;
  }

  /** Stands in for Kafka's rolling timestamp (the first batch's timestamp) in segment.ms rolls. */
  get firstAppendUs(): Micros | undefined {
    return this.appendTimesUs[0];
  }

  /** Stands in for the segment's largest timestamp in retention.ms decisions. */
  get lastAppendUs(): Micros | undefined {
    return this.appendTimesUs[this.appendTimesUs.length - 1];
  }

  /** Number of entries in the sparse offset index. */
  get indexEntryCount(): number {
    return this.indexOffsets.length;
  }

  batches(): readonly RecordBatch[] {
    return this.batchList;
  }

  batchAt(position: number): RecordBatch | undefined {
    return this.batchList[position];
  }

  sizeBytesAt(position: number): number {
    return this.batchSizesBytes[position] ?? 0;
  }

  appendTimeUsAt(position: number): Micros | undefined {
    return this.appendTimesUs[position];
  }

  /** The caller (PartitionLog) has checked the offset and computed the size. */
  append(batch: RecordBatch, sizeBytes: number, nowUs: Micros): void {
    const position = this.batchList.length;
    if (this.bytesSinceLastIndexEntry > this.indexIntervalBytes) {
      this.indexOffsets.push(lastOffsetOf(batch));
      this.indexPositions.push(position);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += sizeBytes;
    this.batchList.push(batch);
    this.batchSizesBytes.push(sizeBytes);
    this.appendTimesUs.push(nowUs);
    this.segmentSizeBytes += sizeBytes;
  }

  /**
   * Position of the first batch whose last offset is ≥ `offset` (the batch containing it, if any),
   * or `batchCount` when every batch ends before it. Binary search of the index, then a scan of at
   * most about `indexIntervalBytes` of batches.
   */
  findBatchIndex(offset: number): number {
    let position = this.indexedPositionAtOrBefore(offset);
    const batches = this.batchList;
    while (position < batches.length && lastOffsetOf(batches[position]!) < offset) position++;
    return position;
  }

  /** Index lookup: the position of the greatest indexed offset ≤ `offset`, else 0. */
  private indexedPositionAtOrBefore(offset: number): number {
    let low = 0;
    let high = this.indexOffsets.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.indexOffsets[middle]! <= offset) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found < 0 ? 0 : this.indexPositions[found]!;
  }

  /** Position of the last batch appended at or before `timeUs`, or -1 if none. */
  lastPositionAppendedBy(timeUs: Micros): number {
    let low = 0;
    let high = this.appendTimesUs.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.appendTimesUs[middle]! <= timeUs) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** Drops the batches from `position` on; returns the bytes removed. */
  truncateFromPosition(position: number): number {
    if (position >= this.batchList.length) return 0;
    let removedBytes = 0;
    for (let p = position; p < this.batchSizesBytes.length; p++) removedBytes += this.batchSizesBytes[p]!;
    this.batchList.length = position;
    this.batchSizesBytes.length = position;
    this.appendTimesUs.length = position;
    while (
      this.indexPositions.length > 0 &&
      this.indexPositions[this.indexPositions.length - 1]! >= position
    ) {
      this.indexPositions.pop();
      this.indexOffsets.pop();
    }
    this.bytesSinceLastIndexEntry = 0;
    this.segmentSizeBytes -= removedBytes;
    return removedBytes;
  }
}
