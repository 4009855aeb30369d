/**
 * A client's outstanding requests: correlation ids, one request-timeout timer each, and the
 * handler its answer goes to (or its timeout handler, when the connection it rode closes). A
 * timeout closes that connection, as Kafka's NetworkClient does, so it fails every request on it.
 * An answer nobody waits for (it came after the timeout, or the network delivered it twice) is
 * dropped here, so handlers run at most once.
 */
import { assert } from "../kernel/assert";
import type { Message, NodeContext, TimerHandle } from "../kernel/node";
import { CorrelationIds } from "../protocol/correlationIds";
import { COORDINATOR_CONNECTION_CLOSED, DATA_CONNECTION_CLOSED } from "../protocol/clientClosedConnection";
import type { ConnectionChannel } from "../protocol/connectionChannel";
import { connectionOf, connectionOnChannel } from "./connectionOf";

interface Pending {
  readonly to: string;
  readonly connection: string;
  readonly responseType: string;
  readonly timer: TimerHandle;
  readonly onResponse: (response: Message) => void;
  readonly onTimeout: () => void;
}

export interface Correlated extends Message {
  readonly correlationId: number;
}

export class RequestTracker {
  private readonly correlationIds: CorrelationIds;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly ctx: NodeContext<unknown>,
    /** A client has a handful of activities, each with at most one request out; more is a bug. */
    private readonly inFlightMax: number,
  ) {
    this.correlationIds = new CorrelationIds(ctx.rng);
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends `build(correlationId)` to `to`; exactly one of the handlers runs, unless cancelled. */
  send<R extends Correlated>(
    to: string,
    build: (correlationId: number) => Correlated,
    responseType: R["type"],
    timeoutMs: number,
    onResponse: (response: R) => void,
    onTimeout: () => void,
  ): number {
    assert(
      this.pending.size < this.inFlightMax,
      () => `${this.ctx.id}: more than ${this.inFlightMax} requests in flight`,
    );
    const correlationId = this.correlationIds.take();
    const connection = connectionOf(to, responseType);
    const timer = this.ctx.setTimer(timeoutMs, () => {
      if (this.pending.has(correlationId)) this.close(to, connection);
    });
    this.pending.set(correlationId, {
      to,
      connection,
      responseType,
      timer,
      onResponse: onResponse as (response: Message) => void,
      onTimeout,
    });
    this.ctx.send(to, build(correlationId));
    return correlationId;
  }

  /** Routes an answer to its handler; false when nothing waits for it. */
  deliver(message: Message): boolean {
    const correlationId = (message as Partial<Correlated>).correlationId;
    if (correlationId === undefined) return false;
    const pending = this.pending.get(correlationId);
    if (pending === undefined || pending.responseType !== message.type) return false;
    this.pending.delete(correlationId);
    this.ctx.cancelTimer(pending.timer);
    pending.onResponse(message);
    return true;
  }

  /**
   * The connection to `peer` on `channel` broke, or every one when `channel` is undefined (its
   * process was killed): every request out on it fails now, through its timeout handler, as a
   * real client's disconnect does.
   */
  disconnect(peer: string, channel?: ConnectionChannel): void {
    if (channel === undefined) this.failWhere((pending) => pending.to === peer);
    else {
      const connection = connectionOnChannel(peer, channel);
      this.failWhere((pending) => pending.connection === connection);
    }
  }

  /** A request on `connection` to `peer` timed out: the client closes it (the broker hears), failing every request on it. */
  private close(peer: string, connection: string): void {
    this.ctx.send(peer, connection === peer ? DATA_CONNECTION_CLOSED : COORDINATOR_CONNECTION_CLOSED);
    this.failWhere((pending) => pending.connection === connection);
  }

  private failWhere(matches: (pending: Pending) => boolean): void {
    for (const [correlationId, pending] of [...this.pending]) {
      if (!matches(pending) || !this.pending.has(correlationId)) continue;
      this.pending.delete(correlationId);
      this.ctx.cancelTimer(pending.timer);
      pending.onTimeout();
    }
  }

  /** Forgets a request: its answer, if any, will be dropped. */
  cancel(correlationId: number | undefined): void {
    if (correlationId === undefined) return;
    const pending = this.pending.get(correlationId);
    if (pending === undefined) return;
    this.pending.delete(correlationId);
    this.ctx.cancelTimer(pending.timer);
  }
}
