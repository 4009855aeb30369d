/**
 * Kafka's heartbeat thread: a background activity beside the application loop. While the member
 * is in a generation it heartbeats every heartbeat.interval.ms — also while the application is busy
 * processing — and turns the coordinator's answers into membership changes (a rebalance to join, a
 * generation that is gone). When the application has not polled within max.poll.interval.ms it
 * sends LeaveGroup, as Kafka's does, so the group can move on without it.
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import type { ErrorName } from "../protocol/errors";
import type { HeartbeatRequest, HeartbeatResponse } from "../protocol/groupMessages";
import type { ConsumerSettings } from "./consumerSettings";
import type { CoordinatorLocator } from "./coordinatorLocator";
import type { GroupMember } from "./groupMember";
import type { RequestTracker } from "./requestTracker";

export class HeartbeatThread {
  private timer: TimerHandle | undefined;
  private inFlight = false;
  private lastPollUs = 0;
  private stopped = false;
  /** One function, so a heartbeat waits for the coordinator at most once. */
  private readonly heartbeatTo = (coordinator: string): void => this.send(coordinator);

  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly tracker: RequestTracker,
    private readonly locator: CoordinatorLocator,
    private readonly member: GroupMember,
    private readonly settings: ConsumerSettings,
    /** The member left for want of polls: the poll loop should rejoin when it next polls. */
    private readonly onLeft: () => void,
  ) {}

  start(): void {
    this.lastPollUs = this.ctx.now();
    this.schedule(this.settings.config.heartbeatIntervalMs);
  }

  stop(): void {
    this.stopped = true;
    this.ctx.cancelTimer(this.timer);
  }

  /** The application polled: the max.poll.interval.ms clock starts again. */
  notePoll(): void {
    this.lastPollUs = this.ctx.now();
  }

  private schedule(delayMs: number): void {
    this.ctx.cancelTimer(this.timer);
    this.timer = this.ctx.setTimer(delayMs, () => this.tick());
  }

  /** Wakes every heartbeat.interval.ms, or when the poll deadline passes if that is sooner. */
  private tick(): void {
    if (this.stopped) return;
    const { heartbeatIntervalMs, maxPollIntervalMs } = this.settings.config;
    const inGroup = this.member.state === "stable" || this.member.state === "syncing";
    const sincePollMs = (this.ctx.now() - this.lastPollUs) / 1000;
    if (inGroup && sincePollMs > maxPollIntervalMs) {
      this.member.leave(`no poll for ${sincePollMs} ms > max.poll.interval.ms ${maxPollIntervalMs}`);
      this.onLeft();
    } else if (inGroup && !this.inFlight) {
      this.locator.withCoordinator(this.heartbeatTo);
    }
    const untilPollDeadlineMs = maxPollIntervalMs - sincePollMs + 1;
    this.schedule(
      inGroup ? Math.max(1, Math.min(heartbeatIntervalMs, untilPollDeadlineMs)) : heartbeatIntervalMs,
    );
  }

  private send(coordinator: string): void {
    const { memberId, generation: generationId } = this.member;
    if (this.inFlight || this.stopped || generationId < 0) return;
    this.inFlight = true;
    this.tracker.send<HeartbeatResponse>(
      coordinator,
      (correlationId): HeartbeatRequest => ({
        type: "HeartbeatRequest",
        correlationId,
        groupId: this.settings.group,
        generationId,
        memberId,
      }),
      "HeartbeatResponse",
      this.settings.config.requestTimeoutMs,
      (response) => this.onAnswer(coordinator, generationId, response.error),
      () => this.onAnswer(coordinator, generationId, "NOT_COORDINATOR"),
    );
  }

  private onAnswer(coordinator: string, generationId: number, error: ErrorName): void {
    this.inFlight = false;
    if (generationId !== this.member.generation) return; // about a generation we have left behind
    switch (error) {
      case "REBALANCE_IN_PROGRESS":
        if (this.member.state === "stable") this.member.requestRejoin();
        return;
      case "ILLEGAL_GENERATION":
      case "UNKNOWN_MEMBER_ID":
        return this.member.resetGeneration(error);
      case "NOT_COORDINATOR":
      case "COORDINATOR_NOT_AVAILABLE":
        return this.locator.markUnknown(coordinator);
      default:
        return; // NONE: still in the group
    }
  }
}
