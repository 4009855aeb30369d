/**
 * `nonmonotonic-poll`: within one ownership — (client, group, generation, partition); for the
 * drain, (client, partition) — a poll returned an offset <= one already returned.
 *
 * One violation per rewind: once reported, the ownership's position follows the rewound offset, so
 * re-reading a run of records counts once, and a second rewind is reported again. Stamped with
 * the poll that returned the lower offset. An `assign` starts its ownerships afresh (a generation
 * can be handed out again after a coordinator failover; a re-delivery then is no rewind).
 */
import type { HistoryOp } from "../history/types";
import { partitionName } from "../history/types";
import { ownershipsOfAssign, ReadOwnerships, visitOwnedRecords } from "./_internals/ownership";
import type { CheckContext, HistoryChecker, OpKind } from "./historyChecker";
import type { Violation } from "./violation";

/** Updated in place record by record. */
interface Position {
  offset: number;
  value: string;
}

export class NonmonotonicPollChecker implements HistoryChecker {
  readonly name = "nonmonotonic-poll";
  readonly kinds: readonly OpKind[] = ["assign:ok", "poll:ok"];
  /** Ownership key → the highest offset returned since the last reported rewind. */
  private readonly highestByOwnership = new Map<string, Position>();
  private readonly ownerships = new ReadOwnerships();
  private readonly violations: Violation[] = [];

  observe(op: HistoryOp): void {
    if (op.f === "assign") {
      for (const ownership of ownershipsOfAssign(op)) this.highestByOwnership.delete(ownership.key);
      return;
    }
    if (op.f !== "poll" || op.type !== "ok") return;
    visitOwnedRecords(op, this.ownerships, this.highestByOwnership, (record, owner, highest) => {
      if (highest !== undefined && record.offset <= highest.offset) {
        const partition = partitionName(record);
        this.violations.push({
          check: "nonmonotonic-poll",
          partition,
          offsets: [highest.offset, record.offset],
          values: [highest.value, record.value],
          timeUs: op.timeUs,
          traceIndex: op.traceIndex,
          message: `${owner.reader} polled offset ${record.offset} of ${partition} after already receiving offset ${highest.offset}`,
        });
      }
      if (highest === undefined) return { offset: record.offset, value: record.value };
      if (record.offset !== highest.offset) {
        highest.offset = record.offset;
        highest.value = record.value;
      }
      return highest;
    });
  }

  finish(_context: CheckContext): Violation[] {
    return [...this.violations];
  }
}
