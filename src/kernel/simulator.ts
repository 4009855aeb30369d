/**
 * The discrete-event simulator: one clock, one event queue, one network, the nodes. Events are
 * message arrivals, node timers and harness actions (faults, phase changes), processed in
 * (time, insertion) order. A run ends when the queue is empty, `stop` is called, or a bound is hit;
 * a bound is reported, never waited out.
 */
import { Network, type NetworkOptions, ONLY_CHANNEL, type Transport } from "../network/network";
import { EventQueue, type Scheduled } from "./eventQueue";
import { CONNECTION_CLOSED_MESSAGE, type ConnectionClosed, connectionClosedOn, connectionsOfIncarnationClosed, type Durable, type Message, type NodeContext, type NodeFactory, type SimNode, type TimerHandle } from "./node";
import { Rng } from "./rng";
import { microsToMs, msToMicros, type Micros } from "./time";
import { Trace, type TraceDetail, type TraceOptions } from "./trace";

const ARRIVAL = 0;
const TIMER = 1;
const ACTION = 2;
/**
 * An arrival past the network's partition check: one that waited in a paused node's backlog, or a
 * broken connection's notice, which no link fault stops (see Network.sever).
 */
const ADMITTED_ARRIVAL = 3;

const RECIPIENT_CACHE_SLOTS = 64;
const SPARE_ARRIVALS_MAX = 1024;

/** Trace kinds for drops, built once (the network names its reasons). */
const DROP_KINDS: Readonly<Record<string, string>> = {
  loss: "drop:loss",
  severed: "drop:severed",
  partition: "drop:partition",
  nodeDown: "drop:nodeDown",
};

interface SimEvent extends Scheduled {
  kind: number;
  target: NodeSlot | undefined;
  incarnation: number;
  fromIndex: number;
  /** An arrival's sender incarnation when it was scheduled: the other end of its connection. */
  fromIncarnation: number;
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
  /** Down because the machine lost power (no kernel left to answer connection attempts). */
  poweredOff: boolean;
  /**
   * Incarnations below this one ran under a kernel that a power loss has since wiped: nothing
   * they sent is retransmitted any more.
   */
  powerLostBeforeIncarnation: number;
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
  /** Arrival events already dispatched, reused by `scheduleArrival` (no handle to them ever escapes). */
  private readonly spareArrivals: SimEvent[] = [];
  private readonly recipientIds: (string | undefined)[] = new Array<string | undefined>(
    RECIPIENT_CACHE_SLOTS,
  ).fill(undefined);
  private readonly recipientIndices = new Int32Array(RECIPIENT_CACHE_SLOTS);
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

  /** Down after having run: crashed and not restarted (a node never started is not crashed). */
  isCrashed(id: string): boolean {
    const slot = this.slot(id);
    return !slot.up && slot.incarnation > 0;
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
      poweredOff: false,
      powerLostBeforeIncarnation: 0,
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
    slot.poweredOff = false;
    slot.paused = false;
    slot.incarnation++;
    this.trace.note("start", this.clockUs, id, { incarnation: slot.incarnation });
    slot.node = slot.factory(slot.ctx);
    slot.node.start();
  }

  /**
   * The process dies: timers, queued work and in-flight requests to it vanish; the disk stays.
   * A power loss also takes what the page cache held, even when the process was already dead:
   * a killed process leaves the operating system, and its dirty pages, running.
   */
  crash(id: string, mode: CrashMode = "kill"): void {
    const slot = this.slot(id);
    if (!slot.up) {
      // A machine already off has nothing more to lose.
      if (mode === "power-loss" && !slot.poweredOff) {
        this.trace.note("crash", this.clockUs, id, { mode });
        this.losePower(slot);
      }
      return;
    }
    this.trace.note("crash", this.clockUs, id, { mode });
    const deadIncarnation = slot.incarnation;
    slot.up = false;
    slot.paused = false;
    slot.incarnation++;
    slot.node = undefined;
    this.discardBacklog(slot);
    if (mode === "power-loss") this.losePower(slot);
    // A killed process's kernel closes its sockets: peers see the connection drop one latency
    // later. A machine that lost power sends nothing; its peers find out by timing out.
    if (mode === "kill") {
      const closed = connectionsOfIncarnationClosed(deadIncarnation);
      for (const other of this.slots) if (other !== slot) this.network.send(slot.index, other.index, closed);
    }
  }

  /** The machine goes off: its page cache, and whatever was not written back, is gone. */
  private losePower(slot: NodeSlot): void {
    slot.poweredOff = true;
    slot.powerLostBeforeIncarnation = slot.incarnation;
    if (slot.disk !== undefined) (slot.disk as Durable).powerLoss(this.clockUs);
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
    const { eventsMax, timeMaxUs } = bounds;
    for (;;) {
      if (this.stopReason !== undefined) return this.outcome("stopped", this.stopReason);
      const event = this.eventsProcessed < eventsMax ? queue.popDue(timeMaxUs) : undefined;
      if (event !== undefined) {
        this.dispatch(event);
        continue;
      }
      // No event was taken: say why, in the same order of precedence as the checks above.
      const nextUs = queue.peekTimeUs();
      if (nextUs === undefined) return this.outcome("quiescent", "no events left");
      if (nextUs > timeMaxUs) {
        if (timeMaxUs > this.clockUs) this.clockUs = timeMaxUs; // the clock never runs backwards
        return this.outcome("time-bound", `simulated time bound timeMaxMs=${microsToMs(timeMaxUs)} reached`);
      }
      return this.outcome(
        "events-bound",
        `event bound eventsMax=${eventsMax} reached at ${microsToMs(this.clockUs)} ms`,
      );
    }
  }

  /** Runs every event due at or before `timeUs`, then sets the clock to it (tests step with this). */
  runUntil(timeUs: Micros, eventsMax = Number.MAX_SAFE_INTEGER): RunOutcome {
    const outcome = this.run({ eventsMax, timeMaxUs: timeUs });
    const finished = outcome.status === "time-bound" || outcome.status === "quiescent";
    if (finished && timeUs > this.clockUs) this.clockUs = timeUs;
    return outcome;
  }

  incarnationOf(index: number): number {
    return this.slots[index]!.incarnation;
  }

  scheduleArrival(
    timeUs: Micros,
    fromIndex: number,
    toIndex: number,
    message: object,
    toIncarnation: number | undefined,
    pastFaults: boolean,
    sentByIncarnation?: number,
  ): void {
    const target = this.slots[toIndex]!;
    const incarnation = toIncarnation ?? target.incarnation;
    // A message kept by a partition or a hold still belongs to the process that sent it.
    const fromIncarnation = sentByIncarnation ?? this.slots[fromIndex]!.incarnation;
    const kind = pastFaults ? ADMITTED_ARRIVAL : ARRIVAL;
    const spare = this.spareArrivals.pop();
    if (spare === undefined) {
      const event = this.event(timeUs, kind, target, incarnation, fromIndex, message as Message, undefined);
      event.fromIncarnation = fromIncarnation;
      this.queue.push(event);
      return;
    }
    spare.fromIncarnation = fromIncarnation;
    spare.timeUs = timeUs;
    spare.kind = kind;
    spare.target = target;
    spare.incarnation = incarnation;
    spare.fromIndex = fromIndex;
    spare.message = message as Message;
    this.queue.push(spare);
  }

  traceDrop(reason: string, fromIndex: number, toIndex: number, message: object): void {
    const kind = DROP_KINDS[reason] ?? `drop:${reason}`;
    const from = this.slots[fromIndex]!.id;
    const to = this.slots[toIndex]!.id;
    this.trace.linkMessage(kind, this.clockUs, fromIndex, toIndex, from, to, message as Message);
    // Kafka speaks TCP: what it sees of a lost message is its connection failing, so both ends
    // hear of it (one latency later) and retry; a partition, by contrast, is silent until timeouts.
    if (reason === "loss" && (message as Message).type !== CONNECTION_CLOSED_MESSAGE.type) {
      const channel = this.network.channelOfMessage(message);
      const notice = channel === ONLY_CHANNEL ? CONNECTION_CLOSED_MESSAGE : connectionClosedOn(channel);
      this.network.sever(fromIndex, toIndex, channel, notice);
    }
  }

  retransmits(fromIndex: number, fromIncarnation: number): boolean {
    return fromIncarnation >= this.slots[fromIndex]!.powerLostBeforeIncarnation;
  }

  traceHeld(fromIndex: number, toIndex: number, message: object): void {
    const from = this.slots[fromIndex]!.id;
    const to = this.slots[toIndex]!.id;
    this.trace.linkMessage("held:partition", this.clockUs, fromIndex, toIndex, from, to, message as Message);
  }

  private dispatch(event: SimEvent): void {
    this.clockUs = event.timeUs;
    this.eventsProcessed++;
    const target = event.target;
    if (event.kind === ARRIVAL || event.kind === ADMITTED_ARRIVAL) {
      if (this.arrive(event, target!) && this.spareArrivals.length < SPARE_ARRIVALS_MAX) {
        event.message = undefined;
        this.spareArrivals.push(event);
      }
      return;
    }
    if (target === undefined) {
      event.callback!();
      return;
    }
    if (!target.up || event.incarnation !== target.incarnation) return; // a dead incarnation's timer
    if (target.paused) {
      target.backlog.push(event);
      return;
    }
    this.trace.nodeNote("timer", this.clockUs, target.index, target.id);
    event.callback!();
  }

  /** Delivers, drops or parks an arrival; false when it was parked (the event object lives on). */
  private arrive(event: SimEvent, target: NodeSlot): boolean {
    const network = this.network;
    const message = event.message!;
    const fromIndex = event.fromIndex;
    // A link cut while the message travelled keeps it until the heal (TCP retransmits it); once
    // landed, a paused process reads it on resume.
    if (event.kind === ARRIVAL && !network.admits(fromIndex, target.index, message, event.incarnation, event.fromIncarnation)) return true;
    if (!target.up || event.incarnation !== target.incarnation) {
      this.arriveAtDeadIncarnation(fromIndex, event.fromIncarnation, target, event.incarnation, message);
      return true;
    }
    if (target.paused) {
      event.kind = ADMITTED_ARRIVAL;
      target.backlog.push(event);
      return false;
    }
    network.noteDelivered();
    const from = this.slots[fromIndex]!.id;
    this.trace.linkMessage("deliver", this.clockUs, fromIndex, target.index, from, target.id, message);
    // Heard before handled: what the node sends while handling it goes on a new connection.
    if (message.type === CONNECTION_CLOSED_MESSAGE.type) {
      network.noteConnectionClosedHeard(target.index, fromIndex, (message as ConnectionClosed).channel);
    }
    target.node!.onMessage(from, message, event.fromIncarnation);
    return true;
  }

  /** A crashed process never reads what waited in its backlog: those messages count as dropped. */
  private discardBacklog(slot: NodeSlot): void {
    const backlog = slot.backlog;
    slot.backlog = [];
    for (const event of backlog) {
      if (event.kind !== ADMITTED_ARRIVAL) continue;
      this.network.noteDroppedAtNode(event.fromIndex, slot.index, event.message!);
    }
  }

  /** A message addressed to a process that has since died (or restarted) rode a dead TCP connection. */
  private arriveAtDeadIncarnation(
    fromIndex: number,
    fromIncarnation: number,
    target: NodeSlot,
    deadIncarnation: number,
    message: Message,
  ): void {
    const network = this.network;
    network.noteDroppedAtNode(fromIndex, target.index, message);
    // The host is up but nothing listens on that connection (killed, or a new incarnation since):
    // its kernel answers with a reset, on that connection, so a sender restarted since never sees
    // it. A machine without power answers nothing.
    const hostAnswers = target.up || !target.poweredOff;
    if (hostAnswers && message.type !== CONNECTION_CLOSED_MESSAGE.type) {
      network.send(target.index, fromIndex, connectionsOfIncarnationClosed(deadIncarnation), fromIncarnation);
    }
  }

  private makeContext(slot: NodeSlot): NodeContext<unknown> {
    return {
      id: slot.id,
      rng: slot.rng,
      disk: slot.disk,
      now: () => this.clockUs,
      nowMs: () => microsToMs(this.clockUs),
      send: (to: string, message: Message): void => {
        this.network.send(slot.index, this.indexOfRecipient(to), message);
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
    return { timeUs, seq: 0, cancelled: false, kind, target, incarnation, fromIndex, fromIncarnation: -1, message, callback };
  }

  /**
   * `indexOf` for the hot send path. Node ids are passed around as the same few string objects, so
   * a direct-mapped cache keyed by length and end characters answers with one comparison before
   * falling back to the map.
   */
  private indexOfRecipient(id: string): number {
    const length = id.length;
    const cacheSlot =
      length === 0 ? 0 : (length * 31 + id.charCodeAt(length - 1)) & (RECIPIENT_CACHE_SLOTS - 1);
    if (this.recipientIds[cacheSlot] === id) return this.recipientIndices[cacheSlot]!;
    const index = this.slot(id).index;
    this.recipientIds[cacheSlot] = id;
    this.recipientIndices[cacheSlot] = index;
    return index;
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
