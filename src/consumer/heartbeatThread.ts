/**
 * Kafka's heartbeat thread: a background activity beside the application loop. While the member
 * is in a generation it heartbeats every heartbeat.interval.ms — also while the application is busy
 * processing — and turns the coordinator's answers into membership changes (a rebalance to join, a
 * generation that is gone). As Kafka's, it does not wait for one heartbeat's answer before sending
 * the next, so a heartbeat lost on the way costs nothing; and when no heartbeat has been answered
 * for session.timeout.ms it looks the coordinator up again. When the application has not polled
 * within max.poll.interval.ms it sends LeaveGroup, as Kafka's does, so the group can move on
 * without it.
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import type { ErrorName } from "../protocol/errors";
import type { HeartbeatRequest, HeartbeatResponse } from "../protocol/groupMessages";
import type { ConsumerSettings } from "./consumerSettings";
import type { CoordinatorLocator } from "./coordinatorLocator";
import type { GroupMember } from "./groupMember";
import type { RequestTracker } from "./requestTracker";

/**
 * Heartbeats out at once. Kafka sends the next on schedule whether or not the last was answered;
 * the bound only keeps a coordinator that answers nothing from collecting a request timeout's worth.
 */
const HEARTBEATS_IN_FLIGHT_MAX = 5;

export class HeartbeatThread {
  private timer: TimerHandle | undefined;
  private heartbeatsInFlight = 0;
  /** Kafka's client-side session timer: when a heartbeat was last answered (or the membership began). */
  private lastAnsweredUs = 0;
  private wasInGroup = false;
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
    // Kafka resets its timers when the heartbeat thread is enabled at the end of a join.
    if (inGroup && !this.wasInGroup) this.lastAnsweredUs = this.ctx.now();
    this.wasInGroup = inGroup;
    const sincePollMs = (this.ctx.now() - this.lastPollUs) / 1000;
    if (inGroup && sincePollMs > maxPollIntervalMs) {
      this.member.leave(`no poll for ${sincePollMs} ms > max.poll.interval.ms ${maxPollIntervalMs}`);
      this.onLeft();
    } else if (inGroup) {
      this.forgetSilentCoordinator();
      this.locator.withCoordinator(this.heartbeatTo);
    }
    const untilPollDeadlineMs = maxPollIntervalMs - sincePollMs + 1;
    this.schedule(
      inGroup ? Math.max(1, Math.min(heartbeatIntervalMs, untilPollDeadlineMs)) : heartbeatIntervalMs,
    );
  }

  /** Kafka: "session timed out without receiving a heartbeat response": the coordinator may be gone. */
  private forgetSilentCoordinator(): void {
    const sinceAnsweredMs = (this.ctx.now() - this.lastAnsweredUs) / 1000;
    if (sinceAnsweredMs <= this.settings.config.sessionTimeoutMs) return;
    this.locator.markUnknown();
    this.lastAnsweredUs = this.ctx.now(); // the session timer starts again with the coordinator looked up anew
  }

  private send(coordinator: string): void {
    const { memberId, generation: generationId } = this.member;
    if (this.heartbeatsInFlight >= HEARTBEATS_IN_FLIGHT_MAX || this.stopped || generationId < 0) return;
    this.heartbeatsInFlight++;
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
    this.heartbeatsInFlight--;
    // Kafka counts REBALANCE_IN_PROGRESS as an answered heartbeat too: the member is still in the group.
    if (error === "NONE" || error === "REBALANCE_IN_PROGRESS") this.lastAnsweredUs = this.ctx.now();
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
