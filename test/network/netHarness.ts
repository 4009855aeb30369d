/**
 * A small world for network tests: recorder nodes that send numbered messages when told to and
 * log every message they receive, with the simulated time. Latency is fixed by default
 * (latencyMinMs = latencyMaxMs = 5), so arrival times are exact.
 */
import type { ConnectionClosed, Message, NodeContext, SimNode } from "../../src/kernel/node";
import { Simulator } from "../../src/kernel/simulator";
import { msToMicros, type Micros } from "../../src/kernel/time";
import type { LinkConfig } from "../../src/network/network";

export const LATENCY_MS = 5;
export const LATENCY_US = msToMicros(LATENCY_MS);

export interface Numbered extends Message {
  readonly type: "msg";
  readonly id: number;
}

export interface Received {
  readonly atUs: Micros;
  readonly to: string;
  readonly from: string;
  readonly type: string;
  /** The message's number; -1 for messages that are not ours (ConnectionClosed). */
  readonly id: number;
  /** A ConnectionClosed's channel, when it names one. */
  readonly channel?: string;
}

export class Recorder implements SimNode {
  /** Timers fired in this incarnation, by label. */
  readonly firedTimers: { label: string; atUs: Micros }[] = [];

  constructor(
    readonly ctx: NodeContext<Disk>,
    private readonly log: Received[],
    readonly incarnation: number,
  ) {}

  start(): void {}

  onMessage(from: string, message: Message): void {
    const id = message.type === "msg" ? (message as Numbered).id : -1;
    const channel = (message as ConnectionClosed).channel;
    this.log.push({ atUs: this.ctx.now(), to: this.ctx.id, from, type: message.type, id, ...(channel !== undefined ? { channel } : {}) });
  }

  send(to: string, id: number): void {
    const message: Numbered = { type: "msg", id };
    this.ctx.send(to, message);
  }

  timer(label: string, delayMs: number): ReturnType<NodeContext["setTimer"]> {
    return this.ctx.setTimer(delayMs, () => this.firedTimers.push({ label, atUs: this.ctx.now() }));
  }
}

/** A disk that remembers what was written and when power was lost. */
export class Disk {
  readonly writes: string[] = [];
  readonly powerLossesUs: Micros[] = [];

  powerLoss(nowUs: Micros): void {
    this.powerLossesUs.push(nowUs);
  }
}

export interface NetOptions {
  nodes?: readonly string[];
  link?: Partial<LinkConfig>;
  fifo?: boolean;
  seed?: string;
  channelOf?: (message: object) => string;
  isClientClose?: (message: object) => boolean;
}

export interface Net {
  sim: Simulator;
  received: Received[];
  disks: Map<string, Disk>;
  /** Incarnations built per node, in order. */
  built: Map<string, Recorder[]>;
  node(id: string): Recorder;
  index(id: string): number;
  /** `from` sends message number `id` to `to` at `atMs` (now, if omitted). */
  send(from: string, to: string, id: number, atMs?: number): void;
  at(atMs: number, action: () => void): void;
  /** Our numbered messages, as [receiver, id, arrival µs]. */
  arrivals(): [string, number, Micros][];
  /**
   * Our numbered messages the network dropped for `reason`, as [receiver, id, µs], from the trace
   * (the network's counters also count its own ConnectionClosed notices).
   */
  drops(reason: "loss" | "severed" | "partition" | "partition-never-connected" | "nodeDown"): [string, number, Micros][];
  /** Our numbered messages a partition kept until the heal, as [receiver, id, µs kept]. */
  heldByPartition(): [string, number, Micros][];
}

export function buildNet(options: NetOptions = {}): Net {
  const ids = options.nodes ?? ["a", "b", "c"];
  const link: LinkConfig = {
    latencyMinMs: LATENCY_MS,
    latencyMaxMs: LATENCY_MS,
    loss: 0,
    duplicate: 0,
    ...options.link,
  };
  const sim = new Simulator({
    seed: options.seed ?? "net-test",
    network: {
      link,
      fifo: options.fifo ?? false,
      ...(options.channelOf ? { channelOf: options.channelOf } : {}),
      ...(options.isClientClose ? { isClientClose: options.isClientClose } : {}),
    },
    trace: { record: true },
  });
  const received: Received[] = [];
  const disks = new Map<string, Disk>();
  const built = new Map<string, Recorder[]>();
  for (const id of ids) {
    const disk = new Disk();
    disks.set(id, disk);
    built.set(id, []);
    sim.addNode(
      id,
      (ctx: NodeContext<Disk>) => {
        const incarnations = built.get(id)!;
        const node = new Recorder(ctx, received, incarnations.length + 1);
        incarnations.push(node);
        return node;
      },
      disk,
    );
  }
  for (const id of ids) sim.start(id);
  const node = (id: string): Recorder => {
    const live = sim.nodeOf(id);
    if (live === undefined) throw new Error(`test: node ${id} is down`);
    return live as Recorder;
  };
  const at = (atMs: number, action: () => void): void => sim.at(msToMicros(atMs), action);
  return {
    sim,
    received,
    disks,
    built,
    node,
    index: (id) => sim.indexOf(id),
    send: (from, to, id, atMs) => {
      if (atMs === undefined) node(from).send(to, id);
      else at(atMs, () => node(from).send(to, id));
    },
    at,
    arrivals: () => received.filter((r) => r.type === "msg").map((r) => [r.to, r.id, r.atUs]),
    drops: (reason) => numberedOfKind(sim, `drop:${reason}`),
    heldByPartition: () => numberedOfKind(sim, "held:partition"),
  };
}

/** Trace events of `kind` about our numbered messages, as [receiver, id, µs]. */
function numberedOfKind(sim: Simulator, kind: string): [string, number, Micros][] {
  return sim.trace.events
    .filter((event) => event.kind === kind && (event.detail as Message).type === "msg")
    .map((event) => [event.to!, (event.detail as Numbered).id, event.timeUs]);
}

export function ms(value: number): Micros {
  return msToMicros(value);
}
