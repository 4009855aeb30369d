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

  record(fields: OpFields): HistoryOp {
    const op = { ...fields, index: this.count++, timeUs: this.clock.nowUs(), traceIndex: this.clock.traceIndex() } as HistoryOp;
    for (const sink of this.sinks) sink.append(op);
    return op;
  }
}

/** Keeps ops in memory: for tests and small runs only. */
export class MemorySink implements HistorySink {
  readonly ops: HistoryOp[] = [];

  append(op: HistoryOp): void {
    this.ops.push(op);
  }
}
