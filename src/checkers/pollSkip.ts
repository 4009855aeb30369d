/**
 * `poll-skip`: within one ownership, a poll jumped over an offset that exists in the final log.
 *
 * Per ownership (see nonmonotonic-poll) the next offset due is tracked: after returning offset a it
 * is a + 1; after the ownership's `Resume` at offset r it is r itself (r is where the owner starts
 * reading, so r must not be skipped either). A returned offset b above the offset due leaves a gap
 * [due, b); each gap is judged in `finish` against the drain's offsets, only for partitions the
 * drain read to the end. A gap with no final-log offset in it (say, offsets a truncation removed)
 * is no skip. A rewind (b below the due offset) is nonmonotonic-poll's business; the offset due
 * then follows b. Stamped with the poll that returned b; `offsets` is [a or r, b], `values` the
 * first few skipped values.
 */
import type { HistoryOp } from "../history/types";
import { partitionName } from "../history/types";
import type { Micros } from "../kernel/time";
import { FinalLog } from "./_internals/finalLog";
import { ownershipOfResume, ReadOwnerships, visitOwnedRecords } from "./_internals/ownership";
import { listSome, plural } from "./_internals/text";
import type { CheckContext, HistoryChecker, OpKind } from "./historyChecker";
import type { Violation } from "./violation";

const EXAMPLES_MAX = 3;

/** Updated in place record by record (a gap keeps its own copy). */
interface Due {
  offset: number;
  /** True when `offset` is a Resume position, false when it follows a returned offset. */
  fromResume: boolean;
}

interface Gap {
  readonly reader: string;
  readonly partition: string;
  readonly due: Due;
  readonly returnedOffset: number;
  readonly timeUs: Micros;
  readonly traceIndex: number;
}

export class PollSkipChecker implements HistoryChecker {
  readonly name = "poll-skip";
  readonly kinds: readonly OpKind[] = ["poll:ok", "resume:ok"];
  constructor(private readonly finalLog: FinalLog = new FinalLog()) {}
  private readonly dueByOwnership = new Map<string, Due>();
  private readonly ownerships = new ReadOwnerships();
  private readonly gaps: Gap[] = [];

  observe(op: HistoryOp): void {
    this.finalLog.observe(op);
    if (op.f === "resume") {
      this.dueByOwnership.set(ownershipOfResume(op).key, { offset: op.offset, fromResume: true });
      return;
    }
    if (op.f !== "poll" || op.type !== "ok") return;
    visitOwnedRecords(op, this.ownerships, this.dueByOwnership, (record, owner, due) => {
      if (due !== undefined && record.offset > due.offset) {
        this.gaps.push({
          reader: owner.reader,
          partition: partitionName(record),
          due: { ...due },
          returnedOffset: record.offset,
          timeUs: op.timeUs,
          traceIndex: op.traceIndex,
        });
      }
      if (due === undefined) return { offset: record.offset + 1, fromResume: false };
      due.offset = record.offset + 1;
      due.fromResume = false;
      return due;
    });
  }

  finish(context: CheckContext): Violation[] {
    const violations: Violation[] = [];
    for (const gap of this.gaps) {
      if (!context.drainComplete.has(gap.partition)) continue;
      const skipped = this.finalLog.offsetsBetween(gap.partition, gap.due.offset, gap.returnedOffset);
      if (skipped.length === 0) continue;
      const shown = skipped
        .slice(0, EXAMPLES_MAX)
        .map((offset) => `${offset}: ${this.finalLog.valueAt(gap.partition, offset) ?? "?"}`);
      const startOffset = gap.due.fromResume ? gap.due.offset : gap.due.offset - 1;
      const jump = gap.due.fromResume
        ? `resumed ${gap.partition} at offset ${startOffset} but first polled offset ${gap.returnedOffset}`
        : `went from offset ${startOffset} to ${gap.returnedOffset} of ${gap.partition}`;
      violations.push({
        check: "poll-skip",
        partition: gap.partition,
        offsets: [startOffset, gap.returnedOffset],
        values: skipped
          .slice(0, EXAMPLES_MAX)
          .map((offset) => this.finalLog.valueAt(gap.partition, offset) ?? "?"),
        timeUs: gap.timeUs,
        traceIndex: gap.traceIndex,
        message: `${gap.reader} ${jump}, skipping ${plural(skipped.length, "offset")} of the final log (${listSome(shown, skipped.length, EXAMPLES_MAX)})`,
      });
    }
    return violations;
  }
}
