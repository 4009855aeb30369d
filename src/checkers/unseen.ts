/**
 * `unseen`: acknowledged sends the drain never read, although they are not lost writes (the drain
 * stopped short of their offset and did not reach the partition's end). A liveness signal, not a
 * safety finding: one violation per partition with the count and a few example values, stamped
 * with the first such ack. `offsets` holds the examples' acknowledged offsets (acks=0 ones have none).
 */
import type { HistoryOp } from "../history/types";
import type { Ack } from "./_internals/acks";
import { AckLog } from "./_internals/acks";
import { FinalLog } from "./_internals/finalLog";
import { listSome, plural } from "./_internals/text";
import type { CheckContext, HistoryChecker, OpKind } from "./historyChecker";
import type { Violation } from "./violation";

const EXAMPLES_MAX = 3;

export class UnseenChecker implements HistoryChecker {
  readonly name = "unseen";
  readonly kinds: readonly OpKind[] = ["send:ok", "poll:ok"];
  constructor(
    private readonly finalLog: FinalLog = new FinalLog(),
    private readonly ackLog: AckLog = new AckLog(),
  ) {}

  observe(op: HistoryOp): void {
    this.finalLog.observe(op);
    this.ackLog.observe(op);
  }

  finish(context: CheckContext): Violation[] {
    const unseenByPartition = new Map<string, Ack[]>();
    for (let i = 0; i < this.ackLog.size; i++) {
      if (this.ackLog.inFinalLog(i, this.finalLog)) continue;
      if (this.ackLog.drainSawPast(i, this.finalLog, context.drainComplete)) continue; // lost-write's, not unseen
      const ack = this.ackLog.ack(i);
      const partition = ack.partition;
      const list = unseenByPartition.get(partition);
      if (list === undefined) unseenByPartition.set(partition, [ack]);
      else list.push(ack);
    }
    const violations: Violation[] = [];
    for (const [partition, unseen] of unseenByPartition) {
      const first = unseen[0];
      if (first === undefined) continue;
      const examples = unseen.slice(0, EXAMPLES_MAX);
      const drainedMax = this.finalLog.maxOffset(partition);
      const reach =
        drainedMax < 0 ? "the drain read nothing from it" : `the drain read up to offset ${drainedMax}`;
      const values = examples.map((ack) => ack.value);
      violations.push({
        check: "unseen",
        partition,
        offsets: examples.filter((ack) => ack.offset >= 0).map((ack) => ack.offset),
        values,
        timeUs: first.timeUs,
        traceIndex: first.traceIndex,
        message: `${plural(unseen.length, "acknowledged send")} to ${partition} ${unseen.length === 1 ? "was" : "were"} never read by the drain (${listSome(values, unseen.length, EXAMPLES_MAX)}); ${reach}`,
      });
    }
    return violations;
  }
}
