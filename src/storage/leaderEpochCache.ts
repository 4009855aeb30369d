/**
 * Which leader epoch started at which offset, as Kafka's LeaderEpochFileCache keeps it. Followers
 * use it to find where their log diverged from the leader's (KIP-101/279) instead of truncating to
 * the high watermark, which is what loses acknowledged data.
 *
 * Entries are kept in a plain array, ascending by epoch and by start offset at once (assign keeps
 * both monotonic). The cache does not write its checkpoint itself: the owner writes `snapshot()`
 * to the partition's epoch checkpoint after every change (Kafka fsyncs on assign).
 */
import { assert } from "../kernel/assert";

export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: number;
}

export interface EpochEndOffset {
  readonly epoch: number;
  readonly endOffset: number;
}

export class LeaderEpochCache {
  private readonly epochEntries: EpochEntry[] = [];

  /** Rebuilt through `assign`, as Kafka's constructor replays the checkpoint file. */
  static fromSnapshot(entries: readonly EpochEntry[]): LeaderEpochCache {
    const cache = new LeaderEpochCache();
    for (const entry of entries) cache.assign(entry.epoch, entry.startOffset);
    return cache;
  }

  /**
   * Records that `epoch` starts at `startOffset`. As in Kafka, this is a no-op only when `epoch`
   * is the latest epoch and does not move its start earlier; otherwise entries that would break
   * monotonicity (epoch ≥ `epoch` or start offset ≥ `startOffset`) are removed first. So assigning
   * an older epoch drops the newer ones: the log is the authority.
   */
  assign(epoch: number, startOffset: number): boolean {
    assert(
      epoch >= 0 && startOffset >= 0,
      () => `LeaderEpochCache.assign: invalid entry (${epoch}, ${startOffset})`,
    );
    const latest = this.latestEntry();
    if (latest !== undefined && latest.epoch === epoch && startOffset >= latest.startOffset) return false;
    const entries = this.epochEntries;
    for (let last = entries[entries.length - 1]; last !== undefined; last = entries[entries.length - 1]) {
      if (last.epoch < epoch && last.startOffset < startOffset) break;
      entries.pop();
    }
    entries.push({ epoch, startOffset });
    return true;
  }

  latestEpoch(): number {
    return this.latestEntry()?.epoch ?? UNDEFINED_EPOCH;
  }

  latestEntry(): EpochEntry | undefined {
    const count = this.epochEntries.length;
    // Reading index -1 of an empty array is a slow property lookup in V8; followers of idle
    // partitions ask this on every fetch.
    return count === 0 ? undefined : this.epochEntries[count - 1];
  }

  entries(): readonly EpochEntry[] {
    return this.epochEntries;
  }

  /**
   * Kafka's endOffsetFor: the largest epoch ≤ `requestedEpoch` and where it ended (the start of
   * the next epoch, or `logEndOffset` for the latest one). A requested epoch below every entry
   * answers the requested epoch with the first entry's start offset (older data is gone); an
   * undefined or too-new epoch answers (UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET).
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    const undefinedAnswer = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    if (requestedEpoch === UNDEFINED_EPOCH) return undefinedAnswer;
    if (this.latestEpoch() === requestedEpoch) return { epoch: requestedEpoch, endOffset: logEndOffset };
    const higherIndex = this.epochEntries.findIndex((entry) => entry.epoch > requestedEpoch);
    const higher = this.epochEntries[higherIndex];
    if (higher === undefined) return undefinedAnswer;
    const floor = this.epochEntries[higherIndex - 1];
    if (floor === undefined) return { epoch: requestedEpoch, endOffset: higher.startOffset };
    return { epoch: floor.epoch, endOffset: higher.startOffset };
  }

  /** Drops entries starting at or after `endOffset` (the log was truncated there). */
  truncateFromEnd(endOffset: number): void {
    if (endOffset < 0) return;
    const entries = this.epochEntries;
    while (entries.length > 0 && entries[entries.length - 1]!.startOffset >= endOffset) entries.pop();
  }

  /**
   * The log start moved to `startOffset`: entries starting at or before it collapse into one, the
   * latest of them, now starting at `startOffset` (Kafka keeps the epoch that covers the new start).
   */
  truncateFromStart(startOffset: number): void {
    const entries = this.epochEntries;
    let removed = 0;
    while (removed < entries.length && entries[removed]!.startOffset <= startOffset) removed++;
    if (removed === 0) return;
    const covering = entries[removed - 1]!;
    entries.splice(0, removed, { epoch: covering.epoch, startOffset });
  }

  /** A copy safe to hand to a checkpoint file. */
  snapshot(): EpochEntry[] {
    return this.epochEntries.map((entry) => ({ epoch: entry.epoch, startOffset: entry.startOffset }));
  }
}
