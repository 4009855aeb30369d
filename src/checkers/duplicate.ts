/**
 * `duplicate`: one value stored or processed more than once.
 *
 * Scope `log`: one value observed by any `PollOk` (drain or not) at two different
 * (partition, offset) positions. One violation per value, listing every position seen, stamped
 * with the read that first saw a second position.
 *
 * Scope `sink`: per group, one value processed with `applied: true` more than once (an idempotent
 * sink's ignored repeat, `applied: false`, is no duplicate). One violation per (group, value),
 * stamped with the second applied `Process`.
 */
import type { HistoryOp } from "../history/types";
import { partitionName } from "../history/types";
import type { Micros } from "../kernel/time";
import { formatSeconds } from "../kernel/time";
import { PositionTable } from "./_internals/positionTable";
import { joinWithAnd } from "./_internals/text";
import type { CheckContext, HistoryChecker, OpKind } from "./historyChecker";
import { assertedScopes } from "./historyChecker";
import type { Violation } from "./violation";

interface SeenAt {
  readonly timeUs: Micros;
  readonly traceIndex: number;
  readonly client: string;
}

interface StoredValue {
  /** Distinct (partition, offset) positions, in the order first seen. */
  readonly positions: { readonly partition: string; readonly offset: number }[];
  /** The read that first saw a second position. */
  secondSeen: SeenAt | null;
}

interface ProcessedValue {
  readonly partition: string;
  /** Offset of each applied processing, in order. */
  readonly offsets: number[];
  secondApplied: SeenAt | null;
}

/**
 * Where a value was first seen: a row of `firstPositions`. Almost every value is seen at one
 * position only, so that is all that is kept until a second one shows up (at a million records,
 * an object per value was most of the checker's memory and of its garbage-collection time).
 */
type FirstSeen = number;

export class DuplicateChecker implements HistoryChecker {
  readonly name = "duplicate";
  readonly kinds: readonly OpKind[] = ["poll:ok", "process:ok"];
  private readonly firstPositions = new PositionTable();
  private readonly stored = new Map<string, StoredValue | FirstSeen>();
  /** Group → value → its applied processings (or the one so far). */
  private readonly processedByGroup = new Map<string, Map<string, ProcessedValue | FirstSeen>>();

  observe(op: HistoryOp): void {
    if (op.f === "poll" && op.type === "ok") {
      for (const record of op.records)
        this.noteStored(record.value, partitionName(record), record.offset, op);
    } else if (op.f === "process" && op.applied) {
      this.noteApplied(op.group, op.record.value, partitionName(op.record), op.record.offset, op);
    }
  }

  finish(context: CheckContext): Violation[] {
    const scopes = assertedScopes(context, "duplicate");
    const violations: Violation[] = [];
    if (scopes.includes("log")) violations.push(...this.logDuplicates());
    if (scopes.includes("sink")) violations.push(...this.sinkDuplicates());
    return violations;
  }

  private noteStored(value: string, partition: string, offset: number, seen: SeenAt): void {
    const before = this.stored.get(value);
    if (before === undefined) {
      this.stored.set(value, this.firstPositions.add(partition, offset));
      return;
    }
    if (isFirstSeen(before) && this.firstPositions.is(before, partition, offset)) return; // read again where first seen
    const stored = isFirstSeen(before) ? { positions: [this.firstPositions.position(before)], secondSeen: null } : before;
    if (stored.positions.some((position) => position.partition === partition && position.offset === offset))
      return;
    stored.positions.push({ partition, offset });
    stored.secondSeen ??= { timeUs: seen.timeUs, traceIndex: seen.traceIndex, client: seen.client };
    this.stored.set(value, stored);
  }

  private noteApplied(group: string, value: string, partition: string, offset: number, seen: SeenAt): void {
    let processed = this.processedByGroup.get(group);
    if (processed === undefined) {
      processed = new Map();
      this.processedByGroup.set(group, processed);
    }
    const before = processed.get(value);
    if (before === undefined) {
      processed.set(value, this.firstPositions.add(partition, offset));
      return;
    }
    const previous = isFirstSeen(before) ? this.processedFrom(before) : before;
    previous.offsets.push(offset);
    previous.secondApplied ??= { timeUs: seen.timeUs, traceIndex: seen.traceIndex, client: seen.client };
    processed.set(value, previous);
  }

  /** A value's first applied processing, as a row of `firstPositions`, made into its full record. */
  private processedFrom(row: FirstSeen): ProcessedValue {
    const { partition, offset } = this.firstPositions.position(row);
    return { partition, offsets: [offset], secondApplied: null };
  }

  private logDuplicates(): Violation[] {
    const violations: Violation[] = [];
    // forEach, not for-of over entries: this runs once, unoptimised, where for-of builds an
    // entry and a step result for every one of a million values.
    this.stored.forEach((stored, value) => {
      if (isFirstSeen(stored)) return;
      const [first] = stored.positions;
      if (stored.secondSeen === null || first === undefined) return;
      const onePartition = stored.positions.every((position) => position.partition === first.partition);
      const where = onePartition
        ? `offsets ${joinWithAnd(stored.positions.map((position) => String(position.offset)))} of ${first.partition}`
        : joinWithAnd(stored.positions.map((position) => `${position.partition} offset ${position.offset}`));
      violations.push({
        check: "duplicate",
        scope: "log",
        partition: first.partition,
        offsets: stored.positions.map((position) => position.offset),
        values: [value],
        timeUs: stored.secondSeen.timeUs,
        traceIndex: stored.secondSeen.traceIndex,
        message: `${value} is stored at ${where} (the second seen at ${formatSeconds(stored.secondSeen.timeUs)} by ${stored.secondSeen.client})`,
      });
    });
    return violations;
  }

  private sinkDuplicates(): Violation[] {
    const violations: Violation[] = [];
    for (const [group, processed] of this.processedByGroup) {
      processed.forEach((applied, value) => {
        if (isFirstSeen(applied) || applied.secondApplied === null) return;
        violations.push({
          check: "duplicate",
          scope: "sink",
          partition: applied.partition,
          offsets: applied.offsets,
          values: [value],
          timeUs: applied.secondApplied.timeUs,
          traceIndex: applied.secondApplied.traceIndex,
          message: `${value} (${applied.partition} offset ${applied.offsets[0] ?? -1}) was processed ${applied.offsets.length} times by group ${group} (again at ${formatSeconds(applied.secondApplied.timeUs)} by ${applied.secondApplied.client})`,
        });
      });
    }
    return violations;
  }
}

function isFirstSeen(entry: StoredValue | ProcessedValue | FirstSeen): entry is FirstSeen {
  return typeof entry === "number";
}
