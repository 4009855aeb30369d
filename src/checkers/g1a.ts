/**
 * `g1a` (aborted read): a read (any `PollOk`) of a value whose send completed `fail` — definitely
 * not written. A read can precede the failure in the history (the producer learns of it late),
 * so reads of values whose send is still in flight are held until the send completes. One
 * violation per value, stamped with its first read.
 */
import type { HistoryOp, PollOk, ReadRecord, SendFailOrInfo } from "../history/types";
import { partitionName } from "../history/types";
import type { Micros } from "../kernel/time";
import { formatSeconds } from "../kernel/time";
import type { CheckContext, HistoryChecker, OpKind } from "./historyChecker";
import type { Violation } from "./violation";

interface Read {
  readonly client: string;
  readonly partition: string;
  readonly offset: number;
  readonly timeUs: Micros;
  readonly traceIndex: number;
}

interface Failure {
  readonly timeUs: Micros;
  readonly error: string;
}

export class G1aChecker implements HistoryChecker {
  readonly name = "g1a";
  readonly kinds: readonly OpKind[] = ["send:invoke", "send:ok", "send:fail", "send:info", "poll:ok"];
  /** Values whose send is in flight → their first read so far, if any. */
  private readonly inFlight = new Map<string, Read | null>();
  private readonly failed = new Map<string, Failure>();
  private readonly reported = new Set<string>();
  private readonly violations: Violation[] = [];

  observe(op: HistoryOp): void {
    if (op.f === "send" && op.type === "invoke") {
      this.inFlight.set(op.value, null);
    } else if (op.f === "send" && op.type === "fail") {
      this.onFail(op);
    } else if (op.f === "send") {
      this.inFlight.delete(op.value);
    } else if (op.f === "poll" && op.type === "ok" && this.mayMatter()) {
      for (const record of op.records) this.onRead(op, record);
    }
  }

  finish(_context: CheckContext): Violation[] {
    return [...this.violations];
  }

  private onFail(op: SendFailOrInfo): void {
    const failure = { timeUs: op.timeUs, error: op.error };
    this.failed.set(op.value, failure);
    const earlyRead = this.inFlight.get(op.value);
    this.inFlight.delete(op.value);
    if (earlyRead !== undefined && earlyRead !== null) this.report(op.value, earlyRead, failure);
  }

  /**
   * Whether a read can concern this check at all: only a value whose send failed or is in flight
   * can be. The final drain reads every record once the producers are quiet, when neither is
   * usually the case, and then skips two lookups per record.
   */
  private mayMatter(): boolean {
    return this.failed.size > 0 || this.inFlight.size > 0;
  }

  private onRead(poll: PollOk, record: ReadRecord): void {
    // Almost every read is of a value that was acknowledged: build its Read only when it is kept.
    const failure = this.failed.get(record.value);
    if (failure !== undefined) this.report(record.value, readOf(poll, record), failure);
    else if (this.inFlight.get(record.value) === null) this.inFlight.set(record.value, readOf(poll, record));
  }

  private report(value: string, read: Read, failure: Failure): void {
    if (this.reported.has(value)) return;
    this.reported.add(value);
    this.violations.push({
      check: "g1a",
      partition: read.partition,
      offsets: [read.offset],
      values: [value],
      timeUs: read.timeUs,
      traceIndex: read.traceIndex,
      message: `${read.client} read ${value} at offset ${read.offset} of ${read.partition} at ${formatSeconds(read.timeUs)}, but its send failed (${failure.error}) at ${formatSeconds(failure.timeUs)}`,
    });
  }
}

function readOf(poll: PollOk, record: ReadRecord): Read {
  return {
    client: poll.client,
    partition: partitionName(record),
    offset: record.offset,
    timeUs: poll.timeUs,
    traceIndex: poll.traceIndex,
  };
}
