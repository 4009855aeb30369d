/**
 * A consumer group's sink: the external store its processing writes into (a database, a search
 * index). It is harness-side, not a node — every member of the group writes into the same one,
 * and it survives their crashes. In idempotent mode it is keyed by (topic, partition, offset) and
 * ignores a repeat, which is how `idempotent-sink` gets an exactly-once effect.
 */
import type { ReadRecord } from "../history/types";

export class ConsumerSink {
  /** Positions already applied (kept in idempotent mode only). */
  private readonly appliedPositions = new Set<string>();
  private readonly appliedCountByValue = new Map<string, number>();

  constructor(
    readonly group: string,
    readonly idempotent: boolean,
  ) {}

  /** Writes one record; false when an idempotent sink already holds its position. */
  process(record: ReadRecord): boolean {
    if (this.idempotent) {
      const position = `${record.topic}-${record.partition}@${record.offset}`;
      if (this.appliedPositions.has(position)) return false;
      this.appliedPositions.add(position);
    }
    this.appliedCountByValue.set(record.value, (this.appliedCountByValue.get(record.value) ?? 0) + 1);
    return true;
  }

  /** How many times `value` was applied (0 if never). */
  countOf(value: string): number {
    return this.appliedCountByValue.get(value) ?? 0;
  }

  /** Every applied value with its count, in first-applied order. */
  counts(): ReadonlyMap<string, number> {
    return this.appliedCountByValue;
  }
}
