/**
 * Records the history as the run goes: each op gets its index, the simulated time and the current
 * trace index, then streams to every sink (the checkers, a JSON-lines file). Nothing is kept here,
 * so the history is never held twice in memory.
 */
import type { Micros } from "../kernel/time";
import type { HistoryOp } from "./types";

/** An op as a client reports it: the recorder stamps index, time and trace index. */
export type OpFields<T = HistoryOp> = T extends HistoryOp ? Omit<T, "index" | "timeUs" | "traceIndex"> : never;

export interface HistorySink {
  append(op: HistoryOp): void;
}

export interface HistoryClock {
  nowUs(): Micros;
  traceIndex(): number;
}

export class HistoryRecorder {
  private count = 0;
  private nextOpId = 1;

  constructor(
    private readonly clock: HistoryClock,
    private readonly sinks: HistorySink[] = [],
  ) {}

  get length(): number {
    return this.count;
  }

  addSink(sink: HistorySink): void {
    this.sinks.push(sink);
  }

  /** A fresh id pairing an invoke with its completion. */
  newOpId(): number {
    return this.nextOpId++;
  }

  /** Stamps `fields` in place (callers pass a fresh object literal) and streams it to the sinks. */
  record(fields: OpFields): HistoryOp {
    const op = fields as OpFields & { index: number; timeUs: number; traceIndex: number };
    op.index = this.count++;
    op.timeUs = this.clock.nowUs();
    op.traceIndex = this.clock.traceIndex();
    for (const sink of this.sinks) sink.append(op as HistoryOp);
    return op as HistoryOp;
  }
}

/** Keeps ops in memory: for tests and small runs only. */
export class MemorySink implements HistorySink {
  readonly ops: HistoryOp[] = [];

  append(op: HistoryOp): void {
    this.ops.push(op);
  }
}
