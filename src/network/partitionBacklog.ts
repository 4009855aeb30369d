/**
 * What a partition keeps from crossing one directed link. TCP retransmits what it cannot deliver,
 * so nothing sent on a connection is lost to a partition: it crosses after the heal, in the order
 * sent, unless the connection it rode never got past its handshake or broke meanwhile (decided
 * here), or an end's host is gone by then (see `Network.heal`).
 */
import type { HeldMessage } from "./heldMessage";

/**
 * Messages one cut link keeps at most. A client resends only after its request timeout, so real
 * runs stay far below; one beyond it is dropped and traced as `drop:partition-backlog-full`.
 */
export const PARTITION_BACKLOG_MAX = 10_000;

/** What becomes of a kept message at the heal, as far as its connection decides. */
export type KeptFate = "cross" | "severed" | "never-connected";

export class PartitionBacklog {
  /** On their way when the link was cut: sent before everything in `sent`. */
  readonly inFlight: HeldMessage[] = [];
  /** Sent while the link was cut. */
  readonly sent: HeldMessage[] = [];
  /** Connections whose first message was sent into the cut: their handshake has not crossed. */
  private readonly openedInCut = new Set<string>();
  /** Connections opened in the cut and closed again in it: nothing sent on them left the client's host. */
  private readonly neverEstablished = new Set<string>();
  /** Connections a lost message broke while the link was cut: what they carried dies with them. */
  private readonly broken = new Set<string>();

  get full(): boolean {
    return this.inFlight.length + this.sent.length >= PARTITION_BACKLOG_MAX;
  }

  /** Keeps a message sent into the cut on `channel`; `closesConnection` when it is its client's close. */
  keepSent(held: HeldMessage, channel: string, closesConnection: boolean): void {
    if (closesConnection && held.connection !== undefined) {
      const id = connectionKey(channel, held.fromIncarnation, held.connection);
      if (this.openedInCut.has(id)) this.neverEstablished.add(id);
    }
    this.sent.push(held);
  }

  markOpened(channel: string, incarnation: number, connection: number): void {
    this.openedInCut.add(connectionKey(channel, incarnation, connection));
  }

  markBroken(channel: string, incarnation: number, connection: number): void {
    this.broken.add(connectionKey(channel, incarnation, connection));
  }

  fateOf(held: HeldMessage, channel: string): KeptFate {
    if (held.connection === undefined) return "cross"; // in flight at the cut: its connection was up
    const id = connectionKey(channel, held.fromIncarnation, held.connection);
    if (this.broken.has(id)) return "severed";
    return this.neverEstablished.has(id) ? "never-connected" : "cross";
  }
}

/** One connection of a sender's process on a link: its channel, the process, and its number there. */
function connectionKey(channel: string, incarnation: number, connection: number): string {
  return `${channel}:${incarnation}:${connection}`;
}
