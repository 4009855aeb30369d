/**
 * Finds the group's coordinator with FindCoordinator, asking the bootstrap brokers in turn, and
 * forgets it when a request says it moved (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, a
 * timeout); whoever needs it next looks it up again.
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import type { FindCoordinatorRequest, FindCoordinatorResponse } from "../protocol/groupMessages";
import type { RequestTracker } from "./requestTracker";

/** Activities waiting for the coordinator at once: heartbeat, rebalance, commits, offset fetch (more are dropped, traced). */
const WAITERS_MAX = 16;

export interface LocatorOptions {
  readonly group: string;
  readonly brokerIds: readonly string[];
  readonly requestTimeoutMs: number;
  readonly retryBackoffMs: number;
}

export class CoordinatorLocator {
  private coordinatorId: string | null = null;
  private brokerIndex: number;
  private lookingUp = false;
  private retryTimer: TimerHandle | undefined;
  private waiters: ((coordinator: string) => void)[] = [];

  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly tracker: RequestTracker,
    private readonly options: LocatorOptions,
  ) {
    this.brokerIndex = ctx.rng.int(0, options.brokerIds.length - 1);
  }

  get coordinator(): string | null {
    return this.coordinatorId;
  }

  /** Runs `then` with the coordinator, at once if known, else once a lookup finds it (once per distinct `then`). */
  withCoordinator(then: (coordinator: string) => void): void {
    if (this.coordinatorId !== null) return then(this.coordinatorId);
    if (this.waiters.includes(then)) return;
    if (this.waiters.length < WAITERS_MAX) this.waiters.push(then);
    else this.ctx.trace("coordinator-waiters-full", { group: this.options.group, waitersMax: WAITERS_MAX });
    if (!this.lookingUp && this.retryTimer === undefined) this.lookUp();
  }

  /** The coordinator we knew is gone (or never was); `from` guards against forgetting a newer one. */
  markUnknown(from: string | null = this.coordinatorId): void {
    if (from !== this.coordinatorId || from === null) return;
    this.ctx.trace("coordinator-unknown", { group: this.options.group, was: from });
    this.coordinatorId = null;
  }

  private lookUp(): void {
    const broker = this.options.brokerIds[this.brokerIndex % this.options.brokerIds.length]!;
    this.lookingUp = true;
    this.tracker.send<FindCoordinatorResponse>(
      broker,
      (correlationId): FindCoordinatorRequest => ({
        type: "FindCoordinatorRequest",
        correlationId,
        groupId: this.options.group,
      }),
      "FindCoordinatorResponse",
      this.options.requestTimeoutMs,
      (response) => this.onResponse(response),
      () => this.retry(),
    );
  }

  private onResponse(response: FindCoordinatorResponse): void {
    if (response.error !== "NONE" || response.coordinator === null) return this.retry();
    this.lookingUp = false;
    this.coordinatorId = response.coordinator;
    this.ctx.trace("coordinator-found", { group: this.options.group, coordinator: response.coordinator });
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((waiter, i) => {
      if (this.coordinatorId !== null) waiter(this.coordinatorId);
      else this.waiters.push(waiters[i]!); // forgotten meanwhile: wait for the next lookup
    });
    if (this.waiters.length > 0 && !this.lookingUp && this.retryTimer === undefined) this.lookUp();
  }

  /** Asks the next broker after retry.backoff.ms. */
  private retry(): void {
    this.lookingUp = false;
    this.brokerIndex++;
    this.retryTimer = this.ctx.setTimer(this.options.retryBackoffMs, () => {
      this.retryTimer = undefined;
      if (this.waiters.length > 0) this.lookUp();
    });
  }
}
