/**
 * One replica's log of one partition: a list of segments on this broker's disk, with the page-cache
 * model deciding what survives a power loss (see durability.ts).
 *
 * Offsets are contiguous: every append starts at the log end offset. Appends and reads are the
 * simulator's hot path, so both are O(log segments + log index entries + one index interval of
 * batches) and never copy the log.
 */
import { assert } from "../kernel/assert";
import { msToMicros, type Micros } from "../kernel/time";
import { flushDueByCount, isWrittenBack, writebackDelayUs } from "./durability";
import { validateLogConfig, type LogConfig } from "./logConfig";
import { LogSegment } from "./logSegment";
import { batchSizeBytes, lastOffsetOf, type RecordBatch } from "./recordBatch";

export { DEFAULT_LOG_CONFIG, type LogConfig } from "./logConfig";

export class PartitionLog {
  private segmentList: LogSegment[];
  private startOffset = 0;
  private endOffset = 0;
  /** Kafka's recovery point: everything below it has been flushed. */
  private flushedEndOffset = 0;
  private totalSizeBytes = 0;
  private lastAppendUs: Micros = 0;
  private lastFlushAtUs: Micros = 0;
  private readonly segmentUs: Micros;
  private readonly retentionUs: Micros;

  constructor(readonly config: LogConfig) {
    validateLogConfig(config);
    this.segmentUs = msToMicros(config.segmentMs);
    this.retentionUs = msToMicros(config.retentionMs);
    this.segmentList = [this.newSegment(0)];
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  get logEndOffset(): number {
    return this.endOffset;
  }

  /** The LEO that would survive a power loss now, counting explicit flushes only (not writeback). */
  get durableEndOffset(): number {
    return this.flushedEndOffset;
  }

  get sizeBytes(): number {
    return this.totalSizeBytes;
  }

  segments(): readonly LogSegment[] {
    return this.segmentList;
  }

  *batches(): Iterable<RecordBatch> {
    for (const segment of this.segmentList) yield* segment.batches();
  }

  append(batch: RecordBatch, nowUs: Micros): void {
    assert(
      batch.baseOffset === this.endOffset,
      () => `PartitionLog.append: batch at ${batch.baseOffset}, LEO is ${this.endOffset}`,
    );
    assert(batch.records.length > 0, "PartitionLog.append: empty batch");
    assert(
      nowUs >= this.lastAppendUs,
      () => `PartitionLog.append: time went back to ${nowUs} from ${this.lastAppendUs}`,
    );
    const sizeBytes = batchSizeBytes(batch);
    if (this.shouldRoll(sizeBytes, nowUs)) this.roll(nowUs);
    this.activeSegment().append(batch, sizeBytes, nowUs);
    this.endOffset = lastOffsetOf(batch) + 1;
    this.totalSizeBytes += sizeBytes;
    this.lastAppendUs = nowUs;
    if (flushDueByCount(this.config.durability, this.endOffset - this.flushedEndOffset)) this.flush(nowUs);
  }

  /**
   * Whole batches with lastOffset in [fromOffset, endOffsetExclusive), in order. The first
   * qualifying batch is returned even if it alone exceeds `maxBytes` (so a consumer can always make
   * progress, as Kafka does); after it, reading stops before the total would exceed `maxBytes`.
   */
  read(fromOffset: number, endOffsetExclusive: number, maxBytes: number): RecordBatch[] {
    const result: RecordBatch[] = [];
    let readBytes = 0;
    let position = -1;
    for (let s = this.segmentIndexFor(fromOffset); s < this.segmentList.length; s++) {
      const segment = this.segmentList[s]!;
      position = position < 0 ? segment.findBatchIndex(fromOffset) : 0;
      for (; position < segment.batchCount; position++) {
        const batch = segment.batchAt(position)!;
        if (lastOffsetOf(batch) >= endOffsetExclusive) return result;
        const sizeBytes = segment.sizeBytesAt(position);
        if (result.length > 0 && readBytes + sizeBytes > maxBytes) return result;
        result.push(batch);
        readBytes += sizeBytes;
      }
    }
    return result;
  }

  batchContaining(offset: number): RecordBatch | undefined {
    const segment = this.segmentList[this.segmentIndexFor(offset)]!;
    const batch = segment.batchAt(segment.findBatchIndex(offset));
    return batch !== undefined && batch.baseOffset <= offset ? batch : undefined;
  }

  lastBatch(): RecordBatch | undefined {
    for (let s = this.segmentList.length - 1; s >= 0; s--) {
      const segment = this.segmentList[s]!;
      if (!segment.isEmpty) return segment.batchAt(segment.batchCount - 1);
    }
    return undefined;
  }

  /**
   * Removes every batch whose last offset is ≥ `offset`; a batch is never split, so the new LEO
   * can be below `offset` when it falls inside a batch. Below the first segment the log is
   * emptied and restarted at `offset`, as Kafka's UnifiedLog.truncateTo does. Returns the new LEO.
   */
  truncateTo(offset: number): number {
    if (offset >= this.endOffset) return this.endOffset;
    if (offset < this.segmentList[0]!.baseOffset) {
      this.truncateFullyAndStartAt(offset);
      return this.endOffset;
    }
    while (this.activeSegment().baseOffset > offset) {
      this.totalSizeBytes -= this.segmentList.pop()!.sizeBytes;
    }
    const active = this.activeSegment();
    this.totalSizeBytes -= active.truncateFromPosition(active.findBatchIndex(offset));
    this.endOffset = active.nextOffset;
    this.flushedEndOffset = Math.min(this.flushedEndOffset, this.endOffset);
    return this.endOffset;
  }

  /** Deletes the whole log and starts again, empty, at `offset` (a follower far behind the leader's log start). */
  truncateFullyAndStartAt(offset: number): void {
    assert(
      Number.isInteger(offset) && offset >= 0,
      () => `PartitionLog.truncateFullyAndStartAt: bad offset ${offset}`,
    );
    this.segmentList = [this.newSegment(offset)];
    this.startOffset = offset;
    this.endOffset = offset;
    this.flushedEndOffset = offset;
    this.totalSizeBytes = 0;
  }

  /**
   * Deletes whole old segments, oldest first, as Kafka's retention does: those whose last append
   * is more than retention.ms old, then those that can go while the log stays ≥ retention.bytes.
   * Only segments entirely below `highWatermark` may go (Kafka never deletes uncommitted data), so
   * the active segment goes only once the HW has reached the log end; an empty last segment never
   * goes. Advances the log start offset; returns records deleted.
   */
  enforceRetention(nowUs: Micros, highWatermark = Number.POSITIVE_INFINITY): number {
    const startOffsetBefore = this.startOffset;
    if (this.config.retentionMs >= 0) {
      this.deleteOldestWhile(highWatermark, nowUs, (segment) => nowUs - segment.lastAppendUs! > this.retentionUs);
    }
    if (this.config.retentionBytes >= 0) {
      this.deleteOldestWhile(
        highWatermark,
        nowUs,
        (segment) => this.totalSizeBytes - segment.sizeBytes >= this.config.retentionBytes,
      );
    }
    return this.startOffset - startOffsetBefore;
  }

  /**
   * An explicit fsync: everything appended so far becomes durable. Only a flush that moves the
   * recovery point restarts the flush.ms clock (Kafka's LocalLog.markFlushed): a look at a log
   * with nothing new leaves it, so what is appended after an idle spell goes at the next look.
   */
  flush(nowUs: Micros): void {
    if (this.endOffset <= this.flushedEndOffset) return;
    this.flushedEndOffset = this.endOffset;
    this.lastFlushAtUs = nowUs;
  }

  /** When the log was last flushed, or loaded or created by the running process: flush.ms counts from it. */
  get lastFlushUs(): Micros {
    return this.lastFlushAtUs;
  }

  /**
   * Kafka keeps a log's last flush time in memory, starting it when the process loads or creates
   * the log: a restarted broker's flush.ms clock starts again at its restart.
   */
  startFlushClock(nowUs: Micros): void {
    this.lastFlushAtUs = nowUs;
  }

  /**
   * The machine lost power at `nowUs`: the log keeps its durable prefix (flushed, or old enough
   * to have been written back) and drops the rest, whole batches at a time.
   */
  powerLoss(nowUs: Micros): void {
    const survivingEndOffset = Math.max(
      this.flushedEndOffset,
      this.writtenBackEndOffset(nowUs),
      this.startOffset,
    );
    this.truncateTo(survivingEndOffset);
    this.flushedEndOffset = this.endOffset;
  }

  /** Kafka's LogSegment.shouldRoll, minus index-full checks: an empty segment never rolls. */
  private shouldRoll(incomingBytes: number, nowUs: Micros): boolean {
    const active = this.activeSegment();
    if (active.isEmpty) return false;
    return (
      active.sizeBytes + incomingBytes > this.config.segmentBytes ||
      nowUs - active.firstAppendUs! > this.segmentUs
    );
  }

  /** Kafka schedules a flush of the old segments on every roll (delay 0): modelled as immediate. */
  private roll(nowUs: Micros): void {
    this.segmentList.push(this.newSegment(this.endOffset));
    this.flush(nowUs);
  }

  private deleteOldestWhile(highWatermark: number, nowUs: Micros, deletable: (segment: LogSegment) => boolean): void {
    for (;;) {
      const oldest = this.segmentList[0]!;
      const next = this.segmentList[1];
      if (next === undefined && oldest.isEmpty) return;
      const upperBoundOffset = next?.baseOffset ?? this.endOffset;
      if (upperBoundOffset > highWatermark || !deletable(oldest)) return;
      // A log always has a segment to append to: deleting the last one rolls a new, empty one at
      // the log end first (Kafka's UnifiedLog.deleteSegments does the same).
      if (next === undefined) this.roll(nowUs);
      this.segmentList.shift();
      this.totalSizeBytes -= oldest.sizeBytes;
      this.startOffset = Math.max(this.startOffset, upperBoundOffset);
    }
  }

  /** End of the last batch appended at least one writeback delay before `nowUs`. */
  private writtenBackEndOffset(nowUs: Micros): number {
    const delayUs = writebackDelayUs(this.config.durability);
    for (let s = this.segmentList.length - 1; s >= 0; s--) {
      const segment = this.segmentList[s]!;
      if (segment.isEmpty || !isWrittenBack(segment.firstAppendUs!, nowUs, delayUs)) continue;
      const position = segment.lastPositionAppendedBy(nowUs - delayUs);
      return lastOffsetOf(segment.batchAt(position)!) + 1;
    }
    return this.startOffset;
  }

  /** Index in `segments()` of the greatest segment whose base offset is ≤ `offset`; the first segment if none is. */
  segmentIndexFor(offset: number): number {
    let low = 0;
    let high = this.segmentList.length - 1;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.segmentList[middle]!.baseOffset <= offset) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  private activeSegment(): LogSegment {
    return this.segmentList[this.segmentList.length - 1]!;
  }

  private newSegment(baseOffset: number): LogSegment {
    return new LogSegment(baseOffset, this.config.indexIntervalBytes);
  }
}
