/**
 * `lost-write`: an acknowledged send that the end of the run does not show.
 *
 * Scope `log`: a `SendOk` at offset o >= 0 whose value the drain never read in that partition,
 * although the drain read the partition past o (its highest drained offset is > o) or read it to
 * the end (`drainComplete`). With acks=0 (offset -1) only a complete drain can judge. The message
 * names the first truncation of that partition to an offset <= o at or after the ack, if any.
 *
 * Scope `sink`: for each group in the context that subscribes to the send's topic and reached the
 * end in the drain, an acknowledged value present in the final log that the group never
 * processed (a `Process` op, applied or not) — unless it lies below where the group started
 * reading the partition by auto.offset.reset (see `GroupStarts`).
 *
 * Both violations are stamped with the ack's time and trace index.
 */
import type { HistoryOp } from "../history/types";
import { formatSeconds } from "../kernel/time";
import type { Ack } from "./_internals/acks";
import { AckLog } from "./_internals/acks";
import { FinalLog } from "./_internals/finalLog";
import { GroupStarts } from "./_internals/groupStarts";
import type { CheckContext, HistoryChecker, OpKind, Truncation } from "./historyChecker";
import { assertedScopes } from "./historyChecker";
import type { Violation } from "./violation";

export class LostWriteChecker implements HistoryChecker {
  readonly name = "lost-write";
  readonly kinds: readonly OpKind[] = ["send:ok", "poll:ok", "process:ok", "resume:ok"];
  constructor(
    private readonly finalLog: FinalLog = new FinalLog(),
    private readonly ackLog: AckLog = new AckLog(),
  ) {}
  /** Group → values it processed (applied or not). */
  private readonly processedByGroup = new Map<string, Set<string>>();
  private readonly groupStarts = new GroupStarts();

  observe(op: HistoryOp): void {
    this.finalLog.observe(op);
    this.ackLog.observe(op);
    this.groupStarts.observe(op);
    if (op.f === "process") {
      let processed = this.processedByGroup.get(op.group);
      if (processed === undefined) {
        processed = new Set();
        this.processedByGroup.set(op.group, processed);
      }
      processed.add(op.record.value);
    }
  }

  finish(context: CheckContext): Violation[] {
    const scopes = assertedScopes(context, "lost-write");
    const violations: Violation[] = [];
    if (scopes.includes("log")) violations.push(...this.logLosses(context));
    if (scopes.includes("sink")) violations.push(...this.sinkLosses(context));
    return violations;
  }

  private logLosses(context: CheckContext): Violation[] {
    const truncationsByPartition = groupTruncations(context.truncations);
    const violations: Violation[] = [];
    for (let i = 0; i < this.ackLog.size; i++) {
      if (!this.ackLog.lostFromLog(i, this.finalLog, context.drainComplete)) continue;
      const ack = this.ackLog.ack(i);
      const partition = ack.partition;
      const truncation = firstTruncationAfter(ack, truncationsByPartition.get(partition) ?? []);
      const sent =
        ack.offset >= 0
          ? `${ack.value} acknowledged at offset ${ack.offset} of ${partition}`
          : `${ack.value} sent with acks=0 to ${partition}`;
      const cause =
        truncation === undefined
          ? ""
          : `; ${truncation.broker} truncated ${truncation.partition} to offset ${truncation.toOffset} at ${formatSeconds(truncation.timeUs)}`;
      violations.push({
        check: "lost-write",
        scope: "log",
        partition,
        offsets: ack.offset >= 0 ? [ack.offset] : [],
        values: [ack.value],
        timeUs: ack.timeUs,
        traceIndex: ack.traceIndex,
        message: `${sent} at ${formatSeconds(ack.timeUs)} by ${ack.leader} in epoch ${ack.leaderEpoch} is absent from the final log${cause}`,
      });
    }
    return violations;
  }

  private sinkLosses(context: CheckContext): Violation[] {
    const violations: Violation[] = [];
    const judgedGroups = context.groups.filter((group) => group.reachedEnd);
    if (judgedGroups.length === 0) return violations; // no sink to judge: skip the walk over every ack
    for (let i = 0; i < this.ackLog.size; i++) {
      if (!this.ackLog.inFinalLog(i, this.finalLog)) continue;
      const ack = this.ackLog.ack(i);
      const partition = ack.partition;
      for (const group of judgedGroups) {
        if (!group.topics.includes(ack.topic)) continue;
        if (this.processedByGroup.get(group.name)?.has(ack.value) === true) continue;
        const finalOffset = this.finalLog.offsetOf(partition, ack.value)!;
        if (finalOffset < this.groupStarts.startOffset(group.name, partition)) continue;
        violations.push({
          check: "lost-write",
          scope: "sink",
          partition,
          offsets: [finalOffset],
          values: [ack.value],
          timeUs: ack.timeUs,
          traceIndex: ack.traceIndex,
          message: `${ack.value} (${partition} offset ${finalOffset}) was acknowledged but group ${group.name} never processed it`,
        });
      }
    }
    return violations;
  }
}

/** Truncations per partition, in (time, trace index) order. */
function groupTruncations(truncations: readonly Truncation[]): Map<string, Truncation[]> {
  const byPartition = new Map<string, Truncation[]>();
  const ordered = [...truncations].sort((a, b) => a.timeUs - b.timeUs || a.traceIndex - b.traceIndex);
  for (const truncation of ordered) {
    const list = byPartition.get(truncation.partition);
    if (list === undefined) byPartition.set(truncation.partition, [truncation]);
    else list.push(truncation);
  }
  return byPartition;
}

/** The first truncation at or after the ack that cut the log to the acked offset or below (any, for acks=0). */
function firstTruncationAfter(ack: Ack, ordered: readonly Truncation[]): Truncation | undefined {
  return ordered.find(
    (truncation) =>
      (truncation.timeUs > ack.timeUs ||
        (truncation.timeUs === ack.timeUs && truncation.traceIndex >= ack.traceIndex)) &&
      (ack.offset < 0 || truncation.toOffset <= ack.offset),
  );
}
