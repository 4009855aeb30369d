/**
 * The simulated network: per-link latency (uniform, from the seed), loss and duplication,
 * partitions, holds and temporary link overrides. It decides *whether* and *when* a message
 * arrives; the simulator owns the clock and performs the delivery.
 *
 * Links are FIFO when `fifo` is set (Kafka speaks TCP: one connection never reorders), otherwise
 * messages on one link may overtake each other through latency jitter.
 */
import { CONNECTION_CLOSED_MESSAGE } from "../kernel/node";
import type { Rng } from "../kernel/rng";
import { msToMicros, type Micros } from "../kernel/time";
import { ConnectionNumbers } from "./connectionNumbers";
import type { HeldMessage } from "./heldMessage";
import { linkKey, NODES_MAX } from "./linkKey";
import { PartitionBacklog } from "./partitionBacklog";
import { PartitionTable } from "./partitionTable";
import { emptyNetworkStats, type NetworkStats } from "./stats";

export interface LinkConfig {
  latencyMinMs: number;
  latencyMaxMs: number;
  /**
   * Probability that a message is dropped. TCP retransmits lost packets, so what Kafka sees of a
   * loss is its connection failing: both ends hear a ConnectionClosed one latency later (see
   * `sever`), and whatever either end sends to the other before it hears dies with the
   * connection, as on TCP, where nothing sent after a lost byte can arrive before it.
   */
  loss: number;
  /**
   * Probability that a message is delivered twice. TCP never hands an application a duplicate;
   * Kafka sees one only through a client's retry. The knob exists because the scenario format
   * asks for it: it stresses deduplication beyond what TCP can produce, so a violation that needs
   * a network duplicate is not one real Kafka would show.
   */
  duplicate: number;
}

export interface NetworkOptions {
  link: LinkConfig;
  fifo: boolean;
  /**
   * Which of the connections between two nodes a message rides (TCP connections are per socket,
   * and a client may keep several to one peer): a loss breaks that one only. Default: one
   * connection per pair of nodes.
   */
  channelOf?: (message: object) => string;
  /**
   * Whether `message` is a client's own close of the connection its channel names (TCP's FIN,
   * sent by the application): the client's next message on that channel opens a new connection.
   * Default: no message is.
   */
  isClientClose?: (message: object) => boolean;
}

/** The one channel of a network that does not tell connections apart. */
export const ONLY_CHANNEL = "";

export { PARTITION_BACKLOG_MAX } from "./partitionBacklog";

export const DEFAULT_LINK: LinkConfig = { latencyMinMs: 1, latencyMaxMs: 10, loss: 0, duplicate: 0 };

/**
 * What the network needs from the simulator: the clock, the receivers' incarnations, and a way to
 * schedule an arrival. An arrival is addressed to one incarnation of its receiver (the current one
 * when `toIncarnation` is undefined); it never reaches a later one.
 */
export interface Transport {
  nowUs(): Micros;
  incarnationOf(index: number): number;
  /**
   * `pastFaults`: a partition that starts while the message travels does not drop it (see `sever`).
   * `fromIncarnation`: the sender's incarnation that sent it (its current one when undefined).
   */
  scheduleArrival(
    timeUs: Micros,
    fromIndex: number,
    toIndex: number,
    message: object,
    toIncarnation: number | undefined,
    pastFaults: boolean,
    fromIncarnation?: number,
  ): void;
  traceDrop(reason: string, fromIndex: number, toIndex: number, message: object): void;
  /** A partition keeps `message` until the heal. */
  traceHeld(fromIndex: number, toIndex: number, message: object): void;
  /** Whether the host of `fromIndex` still runs the kernel it ran as `fromIncarnation` (no power loss since). */
  retransmits(fromIndex: number, fromIncarnation: number): boolean;
}

/** A LinkConfig with latencies already in microseconds: what `send` uses on every message. */
interface ResolvedLink {
  readonly config: LinkConfig;
  readonly latencyMinUs: Micros;
  readonly latencyMaxUs: Micros;
  readonly loss: number;
  readonly duplicate: number;
}

function resolveLink(config: LinkConfig, where: string): ResolvedLink {
  const { latencyMinMs, latencyMaxMs, loss, duplicate } = config;
  if (!(
    Number.isFinite(latencyMinMs) &&
    latencyMinMs >= 0 &&
    Number.isFinite(latencyMaxMs) &&
    latencyMaxMs >= latencyMinMs
  )) {
    throw new Error(
      `${where}: need 0 <= latencyMinMs <= latencyMaxMs, got ${latencyMinMs} and ${latencyMaxMs}`,
    );
  }
  if (!(loss >= 0 && loss <= 1))
    throw new Error(`${where}: loss must be a probability in [0, 1], got ${loss}`);
  if (!(duplicate >= 0 && duplicate <= 1)) {
    throw new Error(`${where}: duplicate must be a probability in [0, 1], got ${duplicate}`);
  }
  return {
    config,
    latencyMinUs: msToMicros(latencyMinMs),
    latencyMaxUs: msToMicros(latencyMaxMs),
    loss,
    duplicate,
  };
}

export class Network {
  readonly stats: NetworkStats = emptyNetworkStats();
  private readonly partitions = new PartitionTable();
  private readonly overrides = new Map<number, ResolvedLink>();
  private readonly held = new Map<number, HeldMessage[]>();
  private readonly partitionBacklogs = new Map<number, PartitionBacklog>();
  private readonly connections = new ConnectionNumbers();
  private readonly isClientClose: (message: object) => boolean;
  private readonly lastArrivalUs = new Map<number, Micros>();
  /**
   * (from → to) → channel → the incarnation of `from` whose connection to `to` on that channel
   * broke (see `sever`): its sends to `to` there die until it hears a ConnectionClosed from `to`.
   */
  private readonly brokenUntilHeard = new Map<number, Map<string, number>>();
  private readonly channelOf: (message: object) => string;
  private defaults: ResolvedLink;
  private readonly fifo: boolean;
  /** Whether any partition, hold or link override exists (kept by every method that changes them). */
  private linkFaultsActive = false;

  constructor(
    options: NetworkOptions,
    private readonly rng: Rng,
    private readonly transport: Transport,
    private readonly nodeCount: () => number,
  ) {
    this.defaults = resolveLink({ ...options.link }, "Network");
    this.fifo = options.fifo;
    this.channelOf = options.channelOf ?? (() => ONLY_CHANNEL);
    this.isClientClose = options.isClientClose ?? (() => false);
  }

  /** Sends to the receiver's current incarnation, or to `toIncarnation` (a reset to a connection's own end). */
  send(fromIndex: number, toIndex: number, message: object, toIncarnation?: number): void {
    this.stats.sent++;
    this.route(fromIndex, toIndex, message, toIncarnation, undefined);
    if (this.isClientClose(message)) this.connections.end(linkKey(fromIndex, toIndex), this.channelOf(message));
    else if (this.connections.anyUnopened && !isKernelNotice(message)) this.noteConnectionOpened(fromIndex, toIndex, message);
  }

  /**
   * Called by the simulator when a message reaches its destination. A link cut while the message
   * travelled keeps it, as TCP retransmits it, until the heal.
   */
  admits(fromIndex: number, toIndex: number, message: object, toIncarnation: number, fromIncarnation: number): boolean {
    if (!this.partitions.active || !this.partitions.isBlocked(fromIndex, toIndex)) return true;
    this.holdAcrossPartition("inFlight", fromIndex, toIndex, message, toIncarnation, fromIncarnation);
    return false;
  }

  noteDroppedAtNode(fromIndex: number, toIndex: number, message: object): void {
    this.drop("nodeDown", fromIndex, toIndex, message);
  }

  noteDelivered(): void {
    this.stats.delivered++;
  }

  /** Nodes in different groups cannot reach each other; nodes in no group keep every link. */
  partition(groups: readonly (readonly number[])[]): void {
    for (const group of groups) for (const index of group) this.checkIndex("Network.partition", index);
    this.partitions.partition(groups);
    this.updateLinkFaultsActive();
  }

  /** `from` can no longer reach `to`; `to` still reaches `from`. */
  partitionOneWay(fromIndex: number, toIndex: number): void {
    this.checkLink("Network.partitionOneWay", fromIndex, toIndex);
    this.partitions.partitionOneWay(fromIndex, toIndex);
    this.updateLinkFaultsActive();
  }

  /** Cut one node off from every node registered so far, both ways. */
  isolate(nodeIndex: number): void {
    this.checkIndex("Network.isolate", nodeIndex);
    this.partitions.isolate(nodeIndex, this.nodeCount());
    this.updateLinkFaultsActive();
  }

  /**
   * Undo every partition (holds and link overrides are separate faults with their own undo). What
   * the partition kept now crosses, each link's in the order sent, each message with a fresh
   * latency (TCP's retransmission backoff is not modelled): a message to a receiver that restarted
   * meanwhile draws its host's reset, as on TCP, and one whose sender's host lost power since is
   * gone (the kernel that retransmitted it is), as is one sent on a connection that never got past
   * its handshake (opened and closed again within the cut).
   */
  heal(): void {
    this.partitions.heal();
    this.updateLinkFaultsActive();
    const keys = [...this.partitionBacklogs.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      const backlog = this.partitionBacklogs.get(key)!;
      this.partitionBacklogs.delete(key);
      const fromIndex = Math.floor(key / NODES_MAX);
      const toIndex = key % NODES_MAX;
      // What was in flight met the network's duplication when sent; what was sent into the cut did not.
      this.releaseBacklog(fromIndex, toIndex, backlog.inFlight, backlog, false);
      this.releaseBacklog(fromIndex, toIndex, backlog.sent, backlog, true);
    }
  }

  private releaseBacklog(
    fromIndex: number,
    toIndex: number,
    held: readonly HeldMessage[],
    backlog: PartitionBacklog,
    duplicable: boolean,
  ): void {
    for (const kept of held) {
      const { message, toIncarnation, fromIncarnation } = kept;
      const fate = backlog.fateOf(kept, this.channelOf(message));
      if (fate === "severed") {
        // Counted as loss, traced as severed, as what rides a broken connection is in `route`.
        this.drop("loss", fromIndex, toIndex, message, "severed");
      } else if (fate === "never-connected") {
        this.drop("partition", fromIndex, toIndex, message, "partition-never-connected");
      } else if (!this.transport.retransmits(fromIndex, fromIncarnation)) {
        this.drop("partition", fromIndex, toIndex, message);
      } else {
        this.route(fromIndex, toIndex, message, toIncarnation, fromIncarnation, duplicable);
      }
    }
  }

  /**
   * `message` (just sent) may be the first on its channel's connection since the one before ended:
   * sent into a cut, that connection's handshake has not crossed (see heal).
   */
  private noteConnectionOpened(fromIndex: number, toIndex: number, message: object): void {
    const key = linkKey(fromIndex, toIndex);
    const channel = this.channelOf(message);
    if (!this.connections.open(key, channel)) return;
    if (!this.partitions.isBlocked(fromIndex, toIndex)) return;
    const incarnation = this.transport.incarnationOf(fromIndex);
    this.partitionBacklogs.get(key)?.markOpened(channel, incarnation, this.connections.current(key, channel));
  }

  get partitioned(): boolean {
    return this.partitions.active;
  }

  isBlocked(fromIndex: number, toIndex: number): boolean {
    return this.partitions.isBlocked(fromIndex, toIndex);
  }

  /** Messages sent on (from → to) wait until `release`. */
  hold(fromIndex: number, toIndex: number): void {
    this.checkLink("Network.hold", fromIndex, toIndex);
    const key = linkKey(fromIndex, toIndex);
    if (!this.held.has(key)) this.held.set(key, []);
    this.updateLinkFaultsActive();
  }

  /** Held messages flow again, in the order they were sent, each with a fresh latency. */
  release(fromIndex: number, toIndex: number): void {
    const key = linkKey(fromIndex, toIndex);
    const queue = this.held.get(key);
    if (queue === undefined) return;
    this.held.delete(key);
    this.updateLinkFaultsActive();
    for (const { message, toIncarnation, fromIncarnation } of queue) this.route(fromIndex, toIndex, message, toIncarnation, fromIncarnation);
  }

  releaseAll(): void {
    const keys = [...this.held.keys()].sort((a, b) => a - b);
    for (const key of keys) this.release(Math.floor(key / NODES_MAX), key % NODES_MAX);
  }

  /** Temporarily change one directed link's loss, duplication or latency. */
  setLink(fromIndex: number, toIndex: number, change: Partial<LinkConfig>): void {
    this.checkLink("Network.setLink", fromIndex, toIndex);
    const key = linkKey(fromIndex, toIndex);
    const current = this.overrides.get(key) ?? this.defaults;
    this.overrides.set(key, resolveLink({ ...current.config, ...change }, "Network.setLink"));
    this.updateLinkFaultsActive();
  }

  clearLink(fromIndex: number, toIndex: number): void {
    this.overrides.delete(linkKey(fromIndex, toIndex));
    this.updateLinkFaultsActive();
  }

  clearLinks(): void {
    this.overrides.clear();
    this.updateLinkFaultsActive();
  }

  /**
   * From now on the base network loses and duplicates nothing (latencies stay). The heal phase
   * calls this: convergence is judged on a reliable network, as TigerBeetle's liveness mode does,
   * because a lost message here fails a whole connection where TCP would retransmit it, and a
   * lossy drain could miss its bound without any fault of Kafka's.
   */
  calm(): void {
    this.defaults = resolveLink({ ...this.defaults.config, loss: 0, duplicate: 0 }, "Network.calm");
  }

  /** The channel `message` rides between its two ends (see NetworkOptions' `channelOf`). */
  channelOfMessage(message: object): string {
    return this.channelOf(message);
  }

  /**
   * The connection between two nodes on `channel` broke (a message on it was lost): each end
   * hears `notice` one latency later, after whatever the other end sent it before (FIFO links), and until it
   * hears, whatever it sends to the other end rides the broken connection and dies. What it sends
   * once it has heard goes out behind the other end's notice on a FIFO link, so it never lands
   * before the other end knows the old connection is gone.
   *
   * The notice is the end's own TCP stack telling it (a reset, a retransmission timeout), so no
   * link fault stops it: a partition or held link cannot swallow it. Were it swallowable, that end
   * would go on sending on the broken connection, and either those sends would arrive (the gap
   * TCP never opens) or they would die until the end times out — which the network cannot see.
   * An end that dies before it hears leaves nothing behind: its next incarnation has no
   * connection to break (see `ridesBrokenConnection`).
   */
  sever(fromIndex: number, toIndex: number, channel: string, notice: object): void {
    for (const [end, other] of [[fromIndex, toIndex], [toIndex, fromIndex]] as const) {
      const link = this.overrides.get(linkKey(other, end)) ?? this.defaults;
      this.stats.sent++;
      const endIncarnation = this.transport.incarnationOf(end);
      this.schedule(link, other, end, notice, endIncarnation, true);
      const key = linkKey(end, other);
      let broken = this.brokenUntilHeard.get(key);
      if (broken === undefined) this.brokenUntilHeard.set(key, (broken = new Map()));
      broken.set(channel, endIncarnation);
      // What a cut keeps of the broken connection dies with it (a reset discards unsent data); the
      // end's next message there opens a new connection.
      this.partitionBacklogs.get(key)?.markBroken(channel, endIncarnation, this.connections.current(key, channel));
      this.connections.end(key, channel);
    }
  }

  /**
   * `end` heard that its connection to `other` on `channel` closed, or every one when `channel`
   * is undefined (a ConnectionClosed from it: a loss's notice, a reset, a killed peer's): what it
   * sends next there goes on a new connection.
   */
  noteConnectionClosedHeard(endIndex: number, otherIndex: number, channel: string | undefined): void {
    if (this.brokenUntilHeard.size === 0) return;
    const key = linkKey(endIndex, otherIndex);
    const broken = this.brokenUntilHeard.get(key);
    if (broken === undefined) return;
    if (channel !== undefined) broken.delete(channel);
    if (channel === undefined || broken.size === 0) this.brokenUntilHeard.delete(key);
  }

  /**
   * Whether `message`, sent on (from → to) by the sender's incarnation `fromIncarnation` (its
   * current one when undefined), rides a connection that broke before that incarnation heard of it.
   */
  private ridesBrokenConnection(fromIndex: number, toIndex: number, message: object, fromIncarnation: number | undefined): boolean {
    const key = linkKey(fromIndex, toIndex);
    const broken = this.brokenUntilHeard.get(key);
    if (broken === undefined) return false;
    const channel = this.channelOf(message);
    const incarnation = broken.get(channel);
    if (incarnation === undefined) return false;
    const current = this.transport.incarnationOf(fromIndex);
    if (incarnation !== current) {
      // The sender died before hearing: a new incarnation opens new connections.
      broken.delete(channel);
      if (broken.size === 0) this.brokenUntilHeard.delete(key);
    }
    return incarnation === (fromIncarnation ?? current);
  }

  /**
   * A message on its way, sent now or released from a hold (then to the incarnation it was sent
   * to, from the incarnation that sent it; undefined: the current ones). `duplicable` is false for what a partition kept in
   * flight: it met the network's duplication when it was sent (a duplicate made then is kept and
   * delivered on its own).
   */
  private route(
    fromIndex: number,
    toIndex: number,
    message: object,
    toIncarnation: number | undefined,
    fromIncarnation: number | undefined,
    duplicable = true,
  ): void {
    const broken = this.brokenUntilHeard.size > 0 && !isKernelNotice(message);
    if (broken && this.ridesBrokenConnection(fromIndex, toIndex, message, fromIncarnation)) {
      // Counted as loss (the lost message took its connection down), traced as severed to tell them apart.
      this.stats.dropped.loss++;
      this.transport.traceDrop("severed", fromIndex, toIndex, message);
      return;
    }
    // Most sends meet no partition, hold or override: one flag keeps that path short.
    const link = this.linkFaultsActive ? this.routeThroughFaults(fromIndex, toIndex, message, toIncarnation, fromIncarnation) : this.defaults;
    if (link === undefined) return;
    if (link.loss > 0 && this.rng.chance(link.loss)) {
      this.drop("loss", fromIndex, toIndex, message);
      return;
    }
    this.schedule(link, fromIndex, toIndex, message, toIncarnation, false, fromIncarnation);
    if (duplicable && link.duplicate > 0 && this.rng.chance(link.duplicate)) {
      this.stats.duplicated++;
      this.schedule(link, fromIndex, toIndex, message, toIncarnation, false, fromIncarnation);
    }
  }

  /**
   * The partition, hold and override checks of `route`, in that order. Returns the link to send
   * on, or undefined when the message was dropped or held.
   */
  private routeThroughFaults(
    fromIndex: number,
    toIndex: number,
    message: object,
    toIncarnation: number | undefined,
    fromIncarnation: number | undefined,
  ): ResolvedLink | undefined {
    const key = linkKey(fromIndex, toIndex);
    const blocked = this.partitions.isBlocked(fromIndex, toIndex);
    const queue = this.held.get(key);
    if (!blocked && queue === undefined) return this.overrides.get(key) ?? this.defaults;
    // Kept back: it stays the traffic of the processes it was between when it was sent.
    const to = toIncarnation ?? this.transport.incarnationOf(toIndex);
    const from = fromIncarnation ?? this.transport.incarnationOf(fromIndex);
    if (blocked) {
      this.holdAcrossPartition("sent", fromIndex, toIndex, message, to, from);
      return undefined;
    }
    queue?.push({ message, toIncarnation: to, fromIncarnation: from });
    this.stats.held++;
    return undefined;
  }

  private holdAcrossPartition(
    list: "inFlight" | "sent",
    fromIndex: number,
    toIndex: number,
    message: object,
    toIncarnation: number,
    fromIncarnation: number,
  ): void {
    const key = linkKey(fromIndex, toIndex);
    let backlog = this.partitionBacklogs.get(key);
    if (backlog === undefined) this.partitionBacklogs.set(key, (backlog = new PartitionBacklog()));
    if (backlog.full) {
      this.drop("partition", fromIndex, toIndex, message, "partition-backlog-full");
      return;
    }
    if (list === "inFlight") {
      // Sent before the cut, on a connection that was up then.
      backlog.inFlight.push({ message, toIncarnation, fromIncarnation });
    } else {
      const channel = this.channelOf(message);
      const connection = this.connections.current(key, channel);
      backlog.keepSent({ message, toIncarnation, fromIncarnation, connection }, channel, this.isClientClose(message));
    }
    this.stats.held++;
    this.transport.traceHeld(fromIndex, toIndex, message);
  }

  private checkIndex(where: string, index: number): void {
    const count = this.nodeCount();
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new Error(
        `${where}: node index ${index} is not one of the ${count} registered nodes (0..${count - 1})`,
      );
    }
  }

  private checkLink(where: string, fromIndex: number, toIndex: number): void {
    this.checkIndex(where, fromIndex);
    this.checkIndex(where, toIndex);
  }

  private updateLinkFaultsActive(): void {
    this.linkFaultsActive = this.partitions.active || this.held.size > 0 || this.overrides.size > 0;
  }

  private schedule(
    link: ResolvedLink,
    fromIndex: number,
    toIndex: number,
    message: object,
    toIncarnation: number | undefined,
    pastFaults: boolean,
    fromIncarnation?: number,
  ): void {
    const latencyUs = this.rng.int(link.latencyMinUs, link.latencyMaxUs);
    let arrivalUs = this.transport.nowUs() + latencyUs;
    if (this.fifo) {
      const key = linkKey(fromIndex, toIndex);
      const previousUs = this.lastArrivalUs.get(key);
      if (previousUs !== undefined && previousUs > arrivalUs) arrivalUs = previousUs;
      this.lastArrivalUs.set(key, arrivalUs);
    }
    this.transport.scheduleArrival(arrivalUs, fromIndex, toIndex, message, toIncarnation, pastFaults, fromIncarnation);
  }

  private drop(
    reason: keyof NetworkStats["dropped"],
    fromIndex: number,
    toIndex: number,
    message: object,
    tracedAs: string = reason,
  ): void {
    this.stats.dropped[reason]++;
    this.transport.traceDrop(tracedAs, fromIndex, toIndex, message);
  }
}

/**
 * A ConnectionClosed is the sending host's kernel speaking (a reset for a connection that is
 * gone), not traffic on a connection of its process, so no broken connection can swallow it.
 */
function isKernelNotice(message: object): boolean {
  return (message as { type?: unknown }).type === CONNECTION_CLOSED_MESSAGE.type;
}
