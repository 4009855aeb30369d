/**
 * The simulated network: per-link latency (uniform, from the seed), loss and duplication,
 * partitions, holds and temporary link overrides. It decides *whether* and *when* a message
 * arrives; the simulator owns the clock and performs the delivery.
 *
 * Links are FIFO when `fifo` is set (Kafka speaks TCP: one connection never reorders), otherwise
 * messages on one link may overtake each other through latency jitter.
 */
import type { Rng } from "../kernel/rng";
import { msToMicros, type Micros } from "../kernel/time";
import { linkKey, NODES_MAX } from "./linkKey";
import { PartitionTable } from "./partitionTable";
import { emptyNetworkStats, type NetworkStats } from "./stats";

export interface LinkConfig {
  latencyMinMs: number;
  latencyMaxMs: number;
  /** Probability that a message is dropped. */
  loss: number;
  /** Probability that a message is delivered twice. */
  duplicate: number;
}

export interface NetworkOptions {
  link: LinkConfig;
  fifo: boolean;
}

export const DEFAULT_LINK: LinkConfig = { latencyMinMs: 1, latencyMaxMs: 10, loss: 0, duplicate: 0 };

/** What the network needs from the simulator: the clock and a way to schedule an arrival. */
export interface Transport {
  nowUs(): Micros;
  scheduleArrival(timeUs: Micros, fromIndex: number, toIndex: number, message: object): void;
  traceDrop(reason: string, fromIndex: number, toIndex: number, message: object): void;
}

interface HeldMessage {
  readonly message: object;
}

export class Network {
  readonly stats: NetworkStats = emptyNetworkStats();
  private readonly partitions = new PartitionTable();
  private readonly overrides = new Map<number, LinkConfig>();
  private readonly held = new Map<number, HeldMessage[]>();
  private readonly lastArrivalUs = new Map<number, Micros>();
  private readonly defaults: LinkConfig;
  private readonly fifo: boolean;

  constructor(
    options: NetworkOptions,
    private readonly rng: Rng,
    private readonly transport: Transport,
    private readonly nodeCount: () => number,
  ) {
    this.defaults = { ...options.link };
    this.fifo = options.fifo;
  }

  send(fromIndex: number, toIndex: number, message: object): void {
    this.stats.sent++;
    if (this.partitions.isBlocked(fromIndex, toIndex)) {
      this.drop("partition", fromIndex, toIndex, message);
      return;
    }
    const key = linkKey(fromIndex, toIndex);
    if (this.held.size > 0) {
      const queue = this.held.get(key);
      if (queue !== undefined) {
        queue.push({ message });
        this.stats.held++;
        return;
      }
    }
    const link = this.overrides.size > 0 ? (this.overrides.get(key) ?? this.defaults) : this.defaults;
    if (this.rng.chance(link.loss)) {
      this.drop("loss", fromIndex, toIndex, message);
      return;
    }
    this.schedule(key, link, fromIndex, toIndex, message);
    if (this.rng.chance(link.duplicate)) {
      this.stats.duplicated++;
      this.schedule(key, link, fromIndex, toIndex, message);
    }
  }

  /** Called by the simulator when a message reaches its destination: a cut link drops it in flight. */
  admits(fromIndex: number, toIndex: number, message: object): boolean {
    if (!this.partitions.isBlocked(fromIndex, toIndex)) return true;
    this.drop("partition", fromIndex, toIndex, message);
    return false;
  }

  noteDroppedAtNode(fromIndex: number, toIndex: number, message: object): void {
    this.drop("nodeDown", fromIndex, toIndex, message);
  }

  noteDelivered(): void {
    this.stats.delivered++;
  }

  partition(groups: readonly (readonly number[])[]): void {
    this.partitions.partition(groups);
  }

  partitionOneWay(fromIndex: number, toIndex: number): void {
    this.partitions.partitionOneWay(fromIndex, toIndex);
  }

  isolate(nodeIndex: number): void {
    this.partitions.isolate(nodeIndex, this.nodeCount());
  }

  /** Undo every partition (holds and link overrides are separate faults with their own undo). */
  heal(): void {
    this.partitions.heal();
  }

  get partitioned(): boolean {
    return this.partitions.active;
  }

  isBlocked(fromIndex: number, toIndex: number): boolean {
    return this.partitions.isBlocked(fromIndex, toIndex);
  }

  /** Messages sent on (from → to) wait until `release`. */
  hold(fromIndex: number, toIndex: number): void {
    const key = linkKey(fromIndex, toIndex);
    if (!this.held.has(key)) this.held.set(key, []);
  }

  /** Held messages flow again, in the order they were sent, each with a fresh latency. */
  release(fromIndex: number, toIndex: number): void {
    const key = linkKey(fromIndex, toIndex);
    const queue = this.held.get(key);
    if (queue === undefined) return;
    this.held.delete(key);
    for (const { message } of queue) {
      this.stats.sent--; // re-sent below; it was counted once already
      this.send(fromIndex, toIndex, message);
    }
  }

  releaseAll(): void {
    const keys = [...this.held.keys()].sort((a, b) => a - b);
    for (const key of keys) this.release(Math.floor(key / NODES_MAX), key % NODES_MAX);
  }

  /** Temporarily change one directed link's loss, duplication or latency. */
  setLink(fromIndex: number, toIndex: number, change: Partial<LinkConfig>): void {
    const key = linkKey(fromIndex, toIndex);
    const current = this.overrides.get(key) ?? this.defaults;
    this.overrides.set(key, { ...current, ...change });
  }

  clearLink(fromIndex: number, toIndex: number): void {
    this.overrides.delete(linkKey(fromIndex, toIndex));
  }

  clearLinks(): void {
    this.overrides.clear();
  }

  private schedule(key: number, link: LinkConfig, fromIndex: number, toIndex: number, message: object): void {
    const latencyUs = this.rng.int(msToMicros(link.latencyMinMs), msToMicros(link.latencyMaxMs));
    let arrivalUs = this.transport.nowUs() + latencyUs;
    if (this.fifo) {
      const previousUs = this.lastArrivalUs.get(key);
      if (previousUs !== undefined && previousUs > arrivalUs) arrivalUs = previousUs;
      this.lastArrivalUs.set(key, arrivalUs);
    }
    this.transport.scheduleArrival(arrivalUs, fromIndex, toIndex, message);
  }

  private drop(reason: keyof NetworkStats["dropped"], fromIndex: number, toIndex: number, message: object): void {
    this.stats.dropped[reason]++;
    this.transport.traceDrop(reason, fromIndex, toIndex, message);
  }
}
