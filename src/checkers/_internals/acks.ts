/**
 * Acknowledged sends (`SendOk`) and the one rule that decides whether the final log lost one.
 * `lost-write` reports the losses; `unseen` reports the acks the drain simply never reached.
 */
import type { HistoryOp, SendOk } from "../../history/types";
import { partitionName } from "../../history/types";
import type { FinalLog } from "./finalLog";

/** An acknowledged send, kept as the history op itself (a copy per ack would double the garbage). */
export type Ack = SendOk;

/**
 * Every acknowledged send, kept once however many checkers read them (`lost-write` and `unseen`
 * share one): an op is taken once, by its history index.
 */
export class AckLog {
  readonly acks: Ack[] = [];
  private lastIndex = -1;

  observe(op: HistoryOp): void {
    if (op.f !== "send" || op.type !== "ok" || op.index <= this.lastIndex) return;
    this.lastIndex = op.index;
    this.acks.push(op);
  }
}

/**
 * Lost from the log: the drain never read the value in its partition although it saw far enough
 * to have read it — past the acknowledged offset, or to the partition's end. With acks=0 the
 * offset is unknown, so only a drain that reached the end can judge.
 */
export function isLostFromLog(ack: Ack, finalLog: FinalLog, drainComplete: ReadonlySet<string>): boolean {
  const partition = partitionName(ack);
  if (finalLog.holds(partition, ack.value, ack.offset)) return false;
  if (drainComplete.has(partition)) return true;
  return ack.offset >= 0 && finalLog.maxOffset(partition) > ack.offset;
}
