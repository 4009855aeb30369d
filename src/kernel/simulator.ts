/**
 * The discrete-event simulator: one clock, one event queue, one network, the nodes. Events are
 * message arrivals, node timers and harness actions (faults, phase changes), processed in
 * (time, insertion) order. A run ends when the queue is empty, `stop` is called, or a bound is hit;
 * a bound is reported, never waited out.
 */
import { Network, type NetworkOptions, type Transport } from "../network/network";
import { EventQueue, type Scheduled } from "./eventQueue";
import type { Durable, Message, NodeContext, NodeFactory, SimNode, TimerHandle } from "./node";
import { Rng } from "./rng";
import { microsToMs, msToMicros, type Micros } from "./time";
import { Trace, type TraceDetail, type TraceOptions } from "./trace";

const ARRIVAL = 0;
const TIMER = 1;
const ACTION = 2;

interface SimEvent extends Scheduled {
  kind: number;
  target: NodeSlot | undefined;
  incarnation: number;
  fromIndex: number;
  message: Message | undefined;
  callback: (() => void) | undefined;
}

interface NodeSlot {
  readonly id: string;
  readonly index: number;
  readonly factory: NodeFactory<unknown>;
  readonly disk: unknown;
  readonly ctx: NodeContext<unknown>;
  readonly rng: Rng;
  node: SimNode | undefined;
  up: boolean;
  paused: boolean;
  incarnation: number;
  /** Events that came due while paused; replayed in order on resume. */
  backlog: SimEvent[];
}

export type CrashMode = "kill" | "power-loss";

export interface RunBounds {
  /** Events processed at most. */
  eventsMax: number;
  /** Simulated time at most. */
  timeMaxUs: Micros;
}

export type RunStatus = "quiescent" | "stopped" | "time-bound" | "events-bound";

export interface RunOutcome {
  status: RunStatus;
  /** Why the run ended, in words (for bounds: which one, and where). */
  reason: string;
  timeUs: Micros;
  events: number;
}

export interface SimulatorOptions {
  seed: string;
  network: NetworkOptions;
  trace?: Partial<TraceOptions>;
}

export class Simulator implements Transport {
  readonly rng: Rng;
  readonly trace: Trace;
  readonly network: Network;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly slots: NodeSlot[] = [];
  private readonly slotById = new Map<string, NodeSlot>();
  private clockUs: Micros = 0;
  private eventsProcessed = 0;
  private stopReason: string | undefined;

  constructor(options: SimulatorOptions) {
    this.rng = new Rng(options.seed);
    this.trace = new Trace(options.trace);
    this.network = new Network(options.network, this.rng.fork("network"), this, () => this.slots.length);
  }

  nowUs(): Micros {
    return this.clockUs;
  }

  get eventCount(): number {
    return this.eventsProcessed;
  }

  nodeIds(): string[] {
    return this.slots.map((slot) => slot.id);
  }

  indexOf(id: string): number {
    return this.slot(id).index;
  }

  isUp(id: string): boolean {
    return this.slot(id).up;
  }

  isPaused(id: string): boolean {
    return this.slot(id).paused;
  }

  /** The live incarnation of a node, for harness inspection (checkers); never for other nodes. */
  nodeOf(id: string): SimNode | undefined {
    return this.slot(id).node;
  }

  /** Adds a node, down until `start`. `disk` survives crashes and restarts. */
  addNode<D>(id: string, factory: NodeFactory<D>, disk?: D): void {
    if (this.slotById.has(id)) throw new Error(`Simulator.addNode: duplicate node id "${id}"`);
    const index = this.slots.length;
    const rng = this.rng.fork(`node/${id}`);
    const slot: NodeSlot = {
      id,
      index,
      factory: factory as NodeFactory<unknown>,
      disk,
      rng,
      ctx: undefined as unknown as NodeContext<unknown>,
      node: undefined,
      up: false,
      paused: false,
      incarnation: 0,
      backlog: [],
    };
    (slot as { ctx: NodeContext<unknown> }).ctx = this.makeContext(slot);
    this.slots.push(slot);
    this.slotById.set(id, slot);
  }

  start(id: string): void {
    const slot = this.slot(id);
    if (slot.up) return;
    slot.up = true;
    slot.paused = false;
    slot.incarnation++;
    this.trace.note("start", this.clockUs, id, { incarnation: slot.incarnation });
    slot.node = slot.factory(slot.ctx);
    slot.node.start();
  }

  /** The process dies: timers, queued work and in-flight requests to it vanish; the disk stays. */
  crash(id: string, mode: CrashMode = "kill"): void {
    const slot = this.slot(id);
    if (!slot.up) return;
    this.trace.note("crash", this.clockUs, id, { mode });
    slot.up = false;
    slot.paused = false;
    slot.incarnation++;
    slot.node = undefined;
    slot.backlog = [];
    if (mode === "power-loss" && slot.disk !== undefined) (slot.disk as Durable).powerLoss(this.clockUs);
  }

  /** A fresh incarnation from the factory, over whatever durable state survived. */
  restart(id: string): void {
    this.start(id);
  }

  /** Stop-the-world: the node handles nothing; its timers and messages wait until `resume`. */
  pause(id: string): void {
    const slot = this.slot(id);
    if (!slot.up || slot.paused) return;
    slot.paused = true;
    this.trace.note("pause", this.clockUs, id);
  }

  resume(id: string): void {
    const slot = this.slot(id);
    if (!slot.paused) return;
    slot.paused = false;
    this.trace.note("resume", this.clockUs, id);
    const backlog = slot.backlog;
    slot.backlog = [];
    for (const event of backlog) {
      event.timeUs = this.clockUs;
      this.queue.push(event);
    }
  }

  /** A harness action at an absolute simulated time (faults, phase changes). */
  at(timeUs: Micros, callback: () => void): void {
    this.queue.push(this.event(Math.max(timeUs, this.clockUs), ACTION, undefined, 0, -1, undefined, callback));
  }

  after(delayMs: number, callback: () => void): void {
    this.at(this.clockUs + msToMicros(delayMs), callback);
  }

  /** Ends the run after the current event. */
  stop(reason: string): void {
    this.stopReason ??= reason;
  }

  /** Processes events until the queue is empty, `stop`, or a bound. */
  run(bounds: RunBounds): RunOutcome {
    const queue = this.queue;
    for (;;) {
      if (this.stopReason !== undefined) return this.outcome("stopped", this.stopReason);
      const nextUs = queue.peekTimeUs();
      if (nextUs === undefined) return this.outcome("quiescent", "no events left");
      if (nextUs > bounds.timeMaxUs) {
        this.clockUs = bounds.timeMaxUs;
        return this.outcome("time-bound", `simulated time bound timeMaxMs=${microsToMs(bounds.timeMaxUs)} reached`);
      }
      if (this.eventsProcessed >= bounds.eventsMax) {
        return this.outcome(
          "events-bound",
          `event bound eventsMax=${bounds.eventsMax} reached at ${microsToMs(this.clockUs)} ms`,
        );
      }
      this.dispatch(queue.pop()!);
    }
  }

  /** Runs every event due at or before `timeUs`, then sets the clock to it (tests step with this). */
  runUntil(timeUs: Micros, eventsMax = Number.MAX_SAFE_INTEGER): RunOutcome {
    const outcome = this.run({ eventsMax, timeMaxUs: timeUs });
    if (outcome.status === "time-bound" || outcome.status === "quiescent") this.clockUs = timeUs;
    return outcome;
  }

  scheduleArrival(timeUs: Micros, fromIndex: number, toIndex: number, message: object): void {
    const target = this.slots[toIndex]!;
    this.queue.push(this.event(timeUs, ARRIVAL, target, target.incarnation, fromIndex, message as Message, undefined));
  }

  traceDrop(reason: string, fromIndex: number, toIndex: number, message: object): void {
    this.trace.message(`drop:${reason}`, this.clockUs, this.slots[fromIndex]!.id, this.slots[toIndex]!.id, message as Message);
  }

  private dispatch(event: SimEvent): void {
    this.clockUs = event.timeUs;
    this.eventsProcessed++;
    const target = event.target;
    if (target === undefined) {
      event.callback!();
      return;
    }
    if (event.kind === ARRIVAL) {
      this.arrive(event, target);
      return;
    }
    if (!target.up || event.incarnation !== target.incarnation) return; // a dead incarnation's timer
    if (target.paused) {
      target.backlog.push(event);
      return;
    }
    this.trace.note("timer", this.clockUs, target.id);
    event.callback!();
  }

  private arrive(event: SimEvent, target: NodeSlot): void {
    const network = this.network;
    const message = event.message!;
    // A message addressed to a process that has since died (or restarted) rode a dead TCP connection.
    if (!target.up || event.incarnation !== target.incarnation) {
      network.noteDroppedAtNode(event.fromIndex, target.index, message);
      return;
    }
    if (target.paused) {
      target.backlog.push(event);
      return;
    }
    if (!network.admits(event.fromIndex, target.index, message)) return;
    network.noteDelivered();
    const from = this.slots[event.fromIndex]!.id;
    this.trace.message("deliver", this.clockUs, from, target.id, message);
    target.node!.onMessage(from, message);
  }

  private makeContext(slot: NodeSlot): NodeContext<unknown> {
    return {
      id: slot.id,
      rng: slot.rng,
      disk: slot.disk,
      now: () => this.clockUs,
      nowMs: () => microsToMs(this.clockUs),
      send: (to: string, message: Message): void => {
        this.network.send(slot.index, this.slot(to).index, message);
      },
      setTimer: (delayMs: number, callback: () => void): TimerHandle => {
        const timeUs = this.clockUs + Math.max(0, msToMicros(delayMs));
        return this.queue.push(this.event(timeUs, TIMER, slot, slot.incarnation, -1, undefined, callback));
      },
      cancelTimer: (handle: TimerHandle | undefined): void => {
        if (handle !== undefined) this.queue.cancel(handle as SimEvent);
      },
      trace: (kind: string, detail?: TraceDetail): void => {
        this.trace.note(kind, this.clockUs, slot.id, detail);
      },
    };
  }

  private event(
    timeUs: Micros,
    kind: number,
    target: NodeSlot | undefined,
    incarnation: number,
    fromIndex: number,
    message: Message | undefined,
    callback: (() => void) | undefined,
  ): SimEvent {
    return { timeUs, seq: 0, cancelled: false, kind, target, incarnation, fromIndex, message, callback };
  }

  private slot(id: string): NodeSlot {
    const slot = this.slotById.get(id);
    if (slot === undefined) throw new Error(`unknown node "${id}" (nodes are ${this.nodeIds().join(", ")})`);
    return slot;
  }

  private outcome(status: RunStatus, reason: string): RunOutcome {
    return { status, reason, timeUs: this.clockUs, events: this.eventsProcessed };
  }
}
