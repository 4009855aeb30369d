/**
 * A small, busy simulation used by `npm start` (before the Kafka cluster takes over), the
 * determinism tests and the kernel benchmark: nodes bounce pings and pongs to random peers over a
 * lossy, duplicating network, with a partition and a crash/restart in the middle.
 */
import type { Message, NodeContext, SimNode } from "../kernel/node";
import { Simulator, type RunOutcome } from "../kernel/simulator";
import { msToMicros } from "../kernel/time";
import type { LinkConfig } from "../network/network";
import type { NetworkStats } from "../network/stats";

interface Ping extends Message {
  readonly type: "ping";
  readonly hop: number;
}
interface Pong extends Message {
  readonly type: "pong";
  readonly hop: number;
}

/** Re-sends a ping every `keepAliveMs` in case the last one was lost. */
const KEEP_ALIVE_MS = 50;

class PingPongNode implements SimNode {
  private hops = 0;
  private readonly peers: readonly string[];

  constructor(
    private readonly ctx: NodeContext,
    nodeIds: readonly string[],
    private readonly withKeepAlive: boolean,
  ) {
    this.peers = nodeIds.filter((id) => id !== ctx.id);
  }

  start(): void {
    // The first ping waits for a 0 ms timer: nodes start one after another at the same instant,
    // and a message sent to a peer that has not started yet is dropped like one to a dead node.
    this.ctx.setTimer(0, () => this.pingSomeone());
    if (this.withKeepAlive) this.keepAlive();
  }

  onMessage(from: string, message: Message): void {
    // A broken connection took whatever was on it, as TCP does: start a new exchange, as a client
    // retries. Anything else that carries no hop is screened out.
    if (message.type === "ConnectionClosed") return this.pingSomeone();
    if (message.type !== "ping" && message.type !== "pong") return;
    const hop = (message as Ping | Pong).hop;
    this.hops = Math.max(this.hops, hop) + 1;
    if (message.type === "ping") {
      const pong: Pong = { type: "pong", hop: this.hops };
      this.ctx.send(from, pong);
    } else {
      this.pingSomeone();
    }
  }

  private pingSomeone(): void {
    const peer = this.ctx.rng.pick(this.peers);
    const ping: Ping = { type: "ping", hop: this.hops };
    this.ctx.send(peer, ping);
  }

  private keepAlive(): void {
    this.ctx.setTimer(KEEP_ALIVE_MS, () => {
      this.pingSomeone();
      this.keepAlive();
    });
  }
}

export interface PingPongOptions {
  seed: string;
  nodes: number;
  durationMs: number;
  link: LinkConfig;
  /** Apply a partition and a crash/restart mid-run. */
  faults: boolean;
  /** Periodic re-pings (timers); off gives a message-only workload (after one kick-off timer per node). */
  keepAlive: boolean;
  fifo?: boolean;
  eventsMax?: number;
}

export interface PingPongResult {
  fingerprint: string;
  outcome: RunOutcome;
  network: NetworkStats;
}

export function buildPingPong(options: PingPongOptions): Simulator {
  const sim = new Simulator({
    seed: options.seed,
    network: { link: options.link, fifo: options.fifo ?? false },
  });
  const ids = Array.from({ length: options.nodes }, (_, i) => `node-${i}`);
  for (const id of ids) sim.addNode(id, (ctx) => new PingPongNode(ctx, ids, options.keepAlive));
  for (const id of ids) sim.start(id);
  if (options.faults && ids.length >= 3) scheduleFaults(sim, ids, options.durationMs);
  return sim;
}

export function runPingPong(options: PingPongOptions): PingPongResult {
  const sim = buildPingPong(options);
  const outcome = sim.run({
    eventsMax: options.eventsMax ?? 10_000_000,
    timeMaxUs: msToMicros(options.durationMs),
  });
  return { fingerprint: sim.trace.fingerprint(), outcome, network: sim.network.stats };
}

function scheduleFaults(sim: Simulator, ids: readonly string[], durationMs: number): void {
  const [first, second, ...rest] = ids as [string, string, ...string[]];
  sim.at(msToMicros(durationMs * 0.2), () =>
    sim.network.partition([[sim.indexOf(first)], [second, ...rest].map((id) => sim.indexOf(id))]),
  );
  sim.at(msToMicros(durationMs * 0.4), () => sim.network.heal());
  sim.at(msToMicros(durationMs * 0.5), () => sim.crash(second, "kill"));
  sim.at(msToMicros(durationMs * 0.6), () => sim.restart(second));
}
