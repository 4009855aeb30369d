/**
 * `inconsistent-offsets`: one (partition, offset) observed with different values. An observation
 * is a read (any `PollOk`, drain or not) or an acknowledgement (`SendOk` with a known offset: the
 * producer was told its value is stored there): Jepsen's Kafka workload, too, requires sends and
 * polls to agree on each offset's value. Counting acks catches an acknowledged
 * offset that the log holds with another value even when the acked value sits at another offset,
 * so that neither lost-write nor duplicate sees it. One violation per (partition, offset),
 * listing every value observed there, stamped with the first observation that disagreed with an
 * earlier one.
 */
import type { HistoryOp } from "../history/types";
import { partitionName } from "../history/types";
import type { Micros } from "../kernel/time";
import { formatSeconds } from "../kernel/time";
import type { CheckContext, HistoryChecker, OpKind } from "./historyChecker";
import type { Violation } from "./violation";

interface Observation {
  readonly value: string;
  /** The producer told the value is at this offset; undefined when it was read there. */
  readonly ackedTo: string | undefined;
}

interface ValuesAtOffset {
  /** Distinct values observed at this offset, each as first observed, in order. */
  readonly observations: Observation[];
  firstDisagreement: { readonly timeUs: Micros; readonly traceIndex: number; readonly by: string } | null;
}

interface PartitionObservations {
  /**
   * What was observed at each offset: the value itself while every observation agreed (almost
   * always: a million records' worth of fuller records costs ~100 MiB). Offsets are dense from
   * the log start, so an array, not a Map.
   */
  readonly atOffset: (string | ValuesAtOffset | undefined)[];
  /** The producer whose ack first observed each offset; a hole where a read came first. */
  readonly firstAckedTo: (string | undefined)[];
}

export class InconsistentOffsetsChecker implements HistoryChecker {
  readonly name = "inconsistent-offsets";
  readonly kinds: readonly OpKind[] = ["send:ok", "poll:ok"];
  private readonly byPartition = new Map<string, PartitionObservations>();
  /** The partition noted last: observations come a partition at a time. */
  private lastName = "";
  private lastObservations: PartitionObservations | undefined;

  observe(op: HistoryOp): void {
    if (op.f === "send" && op.type === "ok" && op.offset >= 0) {
      this.note(partitionName(op), op.offset, op.value, op.client, op);
    } else if (op.f === "poll" && op.type === "ok") {
      for (const record of op.records) this.note(partitionName(record), record.offset, record.value, undefined, op);
    }
  }

  finish(_context: CheckContext): Violation[] {
    const violations: Violation[] = [];
    for (const [partition, { atOffset }] of this.byPartition) {
      for (let offset = 0; offset < atOffset.length; offset++) {
        const seen = atOffset[offset];
        if (seen === undefined || typeof seen === "string") continue;
        const disagreement = seen.firstDisagreement;
        if (disagreement === null) continue;
        violations.push({
          check: "inconsistent-offsets",
          partition,
          offsets: [offset],
          values: seen.observations.map((observation) => observation.value),
          timeUs: disagreement.timeUs,
          traceIndex: disagreement.traceIndex,
          message: `${partition} offset ${offset} was ${describe(seen.observations)} (the first disagreeing ${disagreement.by} at ${formatSeconds(disagreement.timeUs)})`,
        });
      }
    }
    return violations;
  }

  /**
   * One observation of `value` at `offset`: acknowledged to `ackedTo` by `op`, or read by `op` when
   * `ackedTo` is undefined. Nearly every observation agrees with the first, so nothing is
   * allocated for it: the Observation and the wording are built only for a disagreement.
   */
  private note(partition: string, offset: number, value: string, ackedTo: string | undefined, op: HistoryOp): void {
    const observations = this.partitionOrCreate(partition);
    const before = observations.atOffset[offset];
    if (before === undefined) {
      observations.atOffset[offset] = value;
      if (ackedTo !== undefined) observations.firstAckedTo[offset] = ackedTo;
      return;
    }
    if (before === value) return;
    const seen =
      typeof before === "string"
        ? { observations: [{ value: before, ackedTo: observations.firstAckedTo[offset] }], firstDisagreement: null }
        : before;
    if (seen.observations.some((earlier) => earlier.value === value)) return;
    seen.observations.push({ value, ackedTo });
    const by = ackedTo === undefined ? `read by ${op.client}` : `acknowledgement to ${op.client}`;
    seen.firstDisagreement ??= { timeUs: op.timeUs, traceIndex: op.traceIndex, by };
    observations.atOffset[offset] = seen;
  }

  private partitionOrCreate(partition: string): PartitionObservations {
    if (partition === this.lastName && this.lastObservations !== undefined) return this.lastObservations;
    let observations = this.byPartition.get(partition);
    if (observations === undefined) {
      observations = { atOffset: [], firstAckedTo: [] };
      this.byPartition.set(partition, observations);
    }
    this.lastName = partition;
    this.lastObservations = observations;
    return observations;
  }
}

/** "read as a and as b", "acknowledged to producer-p1-0 as a and read as b". */
function describe(observations: readonly Observation[]): string {
  let previousHow = "";
  return observations
    .map(({ value, ackedTo }) => {
      const how = ackedTo === undefined ? "read" : `acknowledged to ${ackedTo}`;
      const text = how === previousHow ? `as ${value}` : `${how} as ${value}`;
      previousHow = how;
      return text;
    })
    .join(" and ");
}
