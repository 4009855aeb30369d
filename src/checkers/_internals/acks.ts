/**
 * Acknowledged sends (`SendOk`) and the one rule that decides whether the final log lost one.
 * `lost-write` reports the losses; `unseen` reports the acks the drain simply never reached.
 */
import type { HistoryOp, SendOk } from "../../history/types";
import { partitionName } from "../../history/types";
import type { Micros } from "../../kernel/time";
import type { FinalLog } from "./finalLog";

export interface Ack {
  readonly value: string;
  readonly topic: string;
  /** "orders-2". */
  readonly partition: string;
  /** -1 when acks=0 (the producer never learned it). */
  readonly offset: number;
  readonly leader: string;
  readonly leaderEpoch: number;
  readonly timeUs: Micros;
  readonly traceIndex: number;
}

export function ackOf(op: SendOk): Ack {
  return {
    value: op.value,
    topic: op.topic,
    partition: partitionName(op),
    offset: op.offset,
    leader: op.leader,
    leaderEpoch: op.leaderEpoch,
    timeUs: op.timeUs,
    traceIndex: op.traceIndex,
  };
}

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
    this.acks.push(ackOf(op));
  }
}

/**
 * Lost from the log: the drain never read the value in its partition although it saw far enough
 * to have read it — past the acknowledged offset, or to the partition's end. With acks=0 the
 * offset is unknown, so only a drain that reached the end can judge.
 */
export function isLostFromLog(ack: Ack, finalLog: FinalLog, drainComplete: ReadonlySet<string>): boolean {
  if (finalLog.holds(ack.partition, ack.value, ack.offset)) return false;
  if (drainComplete.has(ack.partition)) return true;
  return ack.offset >= 0 && finalLog.maxOffset(ack.partition) > ack.offset;
}
