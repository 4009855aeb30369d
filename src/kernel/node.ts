/**
 * What a simulated node is, and the only window it has on the world. Brokers, the controller and
 * clients see time, the network, timers, randomness, their own disk and the trace through a
 * NodeContext; the simulator owns all of them, so the node never knows it is simulated.
 */
import type { Rng } from "./rng";
import type { Micros } from "./time";
import type { TraceDetail } from "./trace";

/** Every message crossing the network has a string discriminant. */
export interface Message {
  readonly type: string;
}

/**
 * What a node receives when its connections to a peer close: the peer's process was killed, or
 * the connection broke. (Real clients see this as a disconnect and fail their in-flight requests
 * to that peer at once.)
 */
export interface ConnectionClosed extends Message {
  readonly type: "ConnectionClosed";
  /**
   * Only the connections of this incarnation of the sender (and older ones) closed: its process
   * died. Undefined: every connection between the two broke.
   */
  readonly incarnation?: number;
  /**
   * Only the connection on this channel broke (a message lost on it, see NetworkOptions'
   * `channelOf`). Undefined: every connection between the two.
   */
  readonly channel?: string;
}

export const CONNECTION_CLOSED_MESSAGE: ConnectionClosed = { type: "ConnectionClosed" };

/** The notice both ends of a broken connection on `channel` hear. */
export function connectionClosedOn(channel: string): ConnectionClosed {
  return { type: "ConnectionClosed", channel };
}

/** The notice a dead process's host sends for it: that incarnation's connections are gone. */
export function connectionsOfIncarnationClosed(incarnation: number): ConnectionClosed {
  return { type: "ConnectionClosed", incarnation };
}

/** An opaque handle for a pending timer. */
export interface TimerHandle {
  readonly timeUs: Micros;
}

/** Durable state that outlives a node's process (its disk). */
export interface Durable {
  /** The machine lost power: everything not yet flushed is gone. */
  powerLoss(nowUs: Micros): void;
}

export interface NodeContext<D = unknown> {
  readonly id: string;
  readonly rng: Rng;
  readonly disk: D;
  now(): Micros;
  nowMs(): number;
  send(to: string, message: Message): void;
  setTimer(delayMs: number, callback: () => void): TimerHandle;
  cancelTimer(handle: TimerHandle | undefined): void;
  trace(kind: string, detail?: TraceDetail): void;
}

export interface SimNode {
  /** Called once per incarnation: at first start and after every restart. */
  start(): void;
  /** `fromIncarnation`: which process of `from` sent it (a restarted node talks on new connections). */
  onMessage(from: string, message: Message, fromIncarnation: number): void;
}

/** Builds a fresh incarnation of a node over whatever durable state survived. */
export type NodeFactory<D = unknown> = (ctx: NodeContext<D>) => SimNode;
