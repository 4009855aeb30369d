/**
 * Acknowledged sends (`SendOk`) and the one rule that decides whether the final log lost one.
 * `lost-write` reports the losses; `unseen` reports the acks the drain simply never reached.
 */
import type { HistoryOp } from "../../history/types";
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

/**
 * Every acknowledged send, kept once however many checkers read them (`lost-write` and `unseen`
 * share one): an op is taken once, by its history index. Kept as columns — numbers and shared
 * strings — so a million acks are no million objects for the garbage collector to copy; `ack(i)`
 * builds the object for the few that are reported.
 */
export class AckLog {
  private readonly values: string[] = [];
  private readonly topics: string[] = [];
  private readonly partitions: string[] = [];
  private readonly offsets: number[] = [];
  private readonly leaders: string[] = [];
  private readonly leaderEpochs: number[] = [];
  private readonly timesUs: number[] = [];
  private readonly traceIndexes: number[] = [];
  private lastIndex = -1;

  observe(op: HistoryOp): void {
    if (op.f !== "send" || op.type !== "ok" || op.index <= this.lastIndex) return;
    this.lastIndex = op.index;
    this.values.push(op.value);
    this.topics.push(op.topic);
    this.partitions.push(partitionName(op));
    this.offsets.push(op.offset);
    this.leaders.push(op.leader);
    this.leaderEpochs.push(op.leaderEpoch);
    this.timesUs.push(op.timeUs);
    this.traceIndexes.push(op.traceIndex);
  }

  get size(): number {
    return this.values.length;
  }

  ack(i: number): Ack {
    return {
      value: this.values[i]!,
      topic: this.topics[i]!,
      partition: this.partitions[i]!,
      offset: this.offsets[i]!,
      leader: this.leaders[i]!,
      leaderEpoch: this.leaderEpochs[i]!,
      timeUs: this.timesUs[i]!,
      traceIndex: this.traceIndexes[i]!,
    };
  }

  /** Whether the drain read ack `i`'s value in its partition. */
  inFinalLog(i: number, finalLog: FinalLog): boolean {
    return finalLog.holds(this.partitions[i]!, this.values[i]!, this.offsets[i]!);
  }

  /**
   * Lost from the log: the drain never read the value in its partition although it saw far enough
   * to have read it — past the acknowledged offset, or to the partition's end. With acks=0 the
   * offset is unknown, so only a drain that reached the end can judge.
   */
  lostFromLog(i: number, finalLog: FinalLog, drainComplete: ReadonlySet<string>): boolean {
    return !this.inFinalLog(i, finalLog) && this.drainSawPast(i, finalLog, drainComplete);
  }

  /** Whether the drain read far enough to have read ack `i`: past its offset, or to the partition's end. */
  drainSawPast(i: number, finalLog: FinalLog, drainComplete: ReadonlySet<string>): boolean {
    const partition = this.partitions[i]!;
    if (drainComplete.has(partition)) return true;
    const offset = this.offsets[i]!;
    return offset >= 0 && finalLog.maxOffset(partition) > offset;
  }
}
