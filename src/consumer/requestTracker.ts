/**
 * A client's outstanding requests: correlation ids, one request-timeout timer each, and the
 * handler its answer goes to (or its timeout handler, at the timeout or when the connection to
 * the peer closes). An answer nobody waits for (it came after the timeout, or the
 * network delivered it twice) is dropped here, so handlers run at most once.
 */
import { assert } from "../kernel/assert";
import type { Message, NodeContext, TimerHandle } from "../kernel/node";
import { CorrelationIds } from "../protocol/correlationIds";

interface Pending {
  readonly to: string;
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
    const timer = this.ctx.setTimer(timeoutMs, () => {
      if (this.pending.delete(correlationId)) onTimeout();
    });
    this.pending.set(correlationId, {
      to,
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
   * The connection to `peer` closed (its process was killed): every request out to it fails now,
   * through its timeout handler, as a real client's disconnect does.
   */
  disconnect(peer: string): void {
    for (const [correlationId, pending] of [...this.pending]) {
      if (pending.to !== peer) continue;
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
