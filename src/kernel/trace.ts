/**
 * The run's trace: every delivered message, timer, fault and state change, as compact events.
 * The fingerprint is always updated; keeping the events themselves is optional (reports and
 * `ksim replay --trace` turn it on) and bounded by `recordMax`.
 */
import { Fingerprint } from "./fingerprint";
import type { Micros } from "./time";

export type TraceValue = string | number | boolean | undefined;
export type TraceDetail = Readonly<Record<string, TraceValue>>;

export interface TraceEvent {
  readonly index: number;
  readonly timeUs: Micros;
  readonly kind: string;
  readonly node: string;
  /** For message events: the receiving node. */
  readonly to?: string;
  readonly detail?: TraceDetail | object;
}

export interface TraceOptions {
  record: boolean;
  /** Events kept at most; later ones only feed the fingerprint. */
  recordMax: number;
}

export type TraceListener = (event: TraceEvent) => void;

export class Trace {
  readonly events: TraceEvent[] = [];
  private readonly fingerprintHash = new Fingerprint();
  private eventCount = 0;
  private readonly listeners: TraceListener[] = [];
  private readonly options: TraceOptions;

  constructor(options: Partial<TraceOptions> = {}) {
    this.options = { record: options.record ?? false, recordMax: options.recordMax ?? 1_000_000 };
  }

  /** Index the next event will get: lets a checker point at "the event that broke it". */
  get length(): number {
    return this.eventCount;
  }

  fingerprint(): string {
    return this.fingerprintHash.hex();
  }

  /** Watch every event as it happens (report collectors); forces events to be materialised. */
  subscribe(listener: TraceListener): void {
    this.listeners.push(listener);
  }

  /** A message event, hashed by kind, time, endpoints and message type. */
  message(kind: string, timeUs: Micros, from: string, to: string, message: { readonly type: string }): void {
    const hash = this.fingerprintHash;
    hash.mixString(kind);
    hash.mixNumber(timeUs);
    hash.mixString(from);
    hash.mixString(to);
    hash.mixString(message.type);
    this.keep(timeUs, kind, from, to, message);
  }

  /** A node or harness event: a timer, a fault, a state change. Every detail value is hashed. */
  note(kind: string, timeUs: Micros, node: string, detail?: TraceDetail): void {
    const hash = this.fingerprintHash;
    hash.mixString(kind);
    hash.mixNumber(timeUs);
    hash.mixString(node);
    if (detail !== undefined) {
      for (const key in detail) {
        hash.mixString(key);
        hash.mixValue(detail[key]);
      }
    }
    this.keep(timeUs, kind, node, undefined, detail);
  }

  private keep(timeUs: Micros, kind: string, node: string, to: string | undefined, detail: object | undefined): void {
    const index = this.eventCount++;
    const wanted = this.options.record && this.events.length < this.options.recordMax;
    if (!wanted && this.listeners.length === 0) return;
    const event: TraceEvent = { index, timeUs, kind, node, to, detail };
    if (wanted) this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }
}
