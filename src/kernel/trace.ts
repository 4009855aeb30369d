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
  private readonly watchers = new Map<string, TraceListener[]>();
  private readonly options: TraceOptions;
  /** Whether events must be built as objects at all (recording with room left, or a listener). */
  private materialize: boolean;
  /** Memos for the fast paths: the last kinds and message types seen, with their hashes. */
  private linkKind = "";
  private linkKindHash = 0;
  private nodeKind = "";
  private nodeKindHash = 0;
  private lastType = "";
  private lastTypeHash = 0;
  private previousType = "";
  private previousTypeHash = 0;

  constructor(options: Partial<TraceOptions> = {}) {
    this.options = { record: options.record ?? false, recordMax: options.recordMax ?? 1_000_000 };
    this.materialize = this.options.record && this.options.recordMax > 0;
  }

  /** Index the next event will get: lets a checker point at "the event that broke it". */
  get length(): number {
    return this.eventCount;
  }

  fingerprint(): string {
    return this.fingerprintHash.hex();
  }

  /**
   * Watch the events of some kinds only (checkers following state changes). Events of other
   * kinds are never built as objects, so watching is cheap on the simulator's hot path.
   */
  watch(kinds: readonly string[], listener: TraceListener): void {
    for (const kind of kinds) {
      const listeners = this.watchers.get(kind);
      if (listeners === undefined) this.watchers.set(kind, [listener]);
      else listeners.push(listener);
    }
  }

  /** Watch every event as it happens (report collectors); forces events to be materialised. */
  subscribe(listener: TraceListener): void {
    this.listeners.push(listener);
    this.materialize = true;
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

  /**
   * The simulator's fast path for message events (every delivery goes through here): the same
   * event as `message`, hashed more cheaply. The endpoints are node indices (< 65536) packed into
   * one word with the kind's hash, and the kind and the last two message types are remembered
   * with their hashes (a request and its response alternate), so most calls look up no string.
   */
  linkMessage(
    kind: string,
    timeUs: Micros,
    fromIndex: number,
    toIndex: number,
    from: string,
    to: string,
    message: { readonly type: string },
  ): void {
    const hash = this.fingerprintHash;
    if (kind !== this.linkKind) {
      this.linkKind = kind;
      this.linkKindHash = hash.stringHash(kind);
    }
    hash.mixInt32(this.linkKindHash ^ ((fromIndex << 16) | toIndex));
    hash.mixNumber(timeUs);
    hash.mixInt32(this.typeHash(message.type));
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

  /** The simulator's fast path for a detail-less node event (timers): the node hashed as its index. */
  nodeNote(kind: string, timeUs: Micros, nodeIndex: number, node: string): void {
    const hash = this.fingerprintHash;
    if (kind !== this.nodeKind) {
      this.nodeKind = kind;
      this.nodeKindHash = hash.stringHash(kind);
    }
    hash.mixInt32(this.nodeKindHash ^ nodeIndex);
    hash.mixNumber(timeUs);
    this.keep(timeUs, kind, node, undefined, undefined);
  }

  private typeHash(type: string): number {
    if (type === this.lastType) return this.lastTypeHash;
    if (type === this.previousType) return this.previousTypeHash;
    const hash = this.fingerprintHash.stringHash(type);
    this.previousType = this.lastType;
    this.previousTypeHash = this.lastTypeHash;
    this.lastType = type;
    this.lastTypeHash = hash;
    return hash;
  }

  private keep(
    timeUs: Micros,
    kind: string,
    node: string,
    to: string | undefined,
    detail: object | undefined,
  ): void {
    const index = this.eventCount++;
    const watchers = this.watchers.size > 0 ? this.watchers.get(kind) : undefined;
    if (!this.materialize && watchers === undefined) return;
    const event: TraceEvent = { index, timeUs, kind, node, to, detail };
    if (watchers !== undefined) for (const watcher of watchers) watcher(event);
    if (!this.materialize) return;
    const options = this.options;
    if (options.record && this.events.length < options.recordMax) this.events.push(event);
    for (const listener of this.listeners) listener(event);
    this.materialize =
      this.listeners.length > 0 || (options.record && this.events.length < options.recordMax);
  }
}
