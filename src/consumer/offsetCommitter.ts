/**
 * OffsetCommit from the consumer, as commitSync and commitAsync. A commit carries the member id and
 * generation of a stable membership; without one it fails at once, as Kafka's CommitFailedException
 * does. Every request is one `commit` operation in the history: ok; fail when it was definitely not
 * written (the coordinator refused it before appending); info when it may have been (a timeout, or
 * an error that can come after the append). commitSync retries retriable errors until
 * default.api.timeout.ms; commitAsync sends once.
 */
import type { HistoryRecorder } from "../history/recorder";
import type { OffsetAt } from "../history/types";
import type { NodeContext } from "../kernel/node";
import type { ErrorName } from "../protocol/errors";
import type { OffsetCommitRequest, OffsetCommitResponse } from "../protocol/groupMessages";
import type { ConsumerSettings } from "./consumerSettings";
import type { CoordinatorLocator } from "./coordinatorLocator";
import type { GroupMember } from "./groupMember";
import type { RequestTracker } from "./requestTracker";

/** Kafka's default.api.timeout.ms: how long commitSync keeps retrying. */
export const DEFAULT_API_TIMEOUT_MS = 60000;

export type CommitOutcome = "ok" | "fail" | "info";

/** What the client reports when it has no stable membership to commit with (Kafka's CommitFailedException). */
export const NOT_IN_GROUP = "CommitFailedException: not part of an active group";

/** Refusals before any append: the commit was definitely not written. */
const DEFINITELY_NOT_WRITTEN: ReadonlySet<string> = new Set([
  "ILLEGAL_GENERATION",
  "UNKNOWN_MEMBER_ID",
  "REBALANCE_IN_PROGRESS",
  "COORDINATOR_LOAD_IN_PROGRESS",
]);

/** Errors after which commitSync tries again (with the coordinator looked up afresh where it says so). */
const RETRIABLE: ReadonlySet<string> = new Set([
  "COORDINATOR_LOAD_IN_PROGRESS",
  "COORDINATOR_NOT_AVAILABLE",
  "NOT_COORDINATOR",
  "REQUEST_TIMED_OUT",
]);

interface CommitCall {
  readonly offsets: readonly OffsetAt[];
  readonly retry: boolean;
  readonly deadlineUs: number;
  readonly done: (outcome: CommitOutcome) => void;
}

export class OffsetCommitter {
  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly tracker: RequestTracker,
    private readonly locator: CoordinatorLocator,
    private readonly member: GroupMember,
    private readonly recorder: HistoryRecorder,
    private readonly settings: ConsumerSettings,
    /** A commit was acknowledged: these offsets are now the group's committed ones. */
    private readonly onCommitted: (offsets: readonly OffsetAt[]) => void,
    /** The leader epoch of the record before `at`, when the consumer knows it (committed with it, KIP-320). */
    private readonly epochOf: (at: OffsetAt) => number | undefined,
  ) {}

  /** `done` runs once: with the last answer, or "info" if default.api.timeout.ms passes first (say, no coordinator found). */
  commitSync(offsets: readonly OffsetAt[], done: (outcome: CommitOutcome) => void): void {
    let settled = false;
    const settle = (outcome: CommitOutcome): void => {
      if (settled) return;
      settled = true;
      this.ctx.cancelTimer(guard);
      done(outcome);
    };
    const guard = this.ctx.setTimer(DEFAULT_API_TIMEOUT_MS, () => settle("info"));
    this.attempt({
      offsets,
      retry: true,
      deadlineUs: this.ctx.now() + DEFAULT_API_TIMEOUT_MS * 1000,
      done: settle,
    });
  }

  commitAsync(offsets: readonly OffsetAt[], done: (outcome: CommitOutcome) => void = () => {}): void {
    this.attempt({ offsets, retry: false, deadlineUs: this.ctx.now(), done });
  }

  private attempt(call: CommitCall): void {
    const membership = this.member.stableMembership();
    if (membership === undefined) {
      const id = this.recordInvoke(call.offsets, -1);
      this.recordDone(id, "fail", call.offsets, -1, NOT_IN_GROUP);
      return call.done("fail");
    }
    this.locator.withCoordinator((coordinator) => {
      const id = this.recordInvoke(call.offsets, membership.generation);
      const finish = (error: ErrorName | "TIMEOUT"): void =>
        this.onAnswer(call, coordinator, id, membership.generation, error);
      this.tracker.send<OffsetCommitResponse>(
        coordinator,
        (correlationId): OffsetCommitRequest => ({
          type: "OffsetCommitRequest",
          correlationId,
          groupId: this.settings.group,
          generationId: membership.generation,
          memberId: membership.memberId,
          offsets: call.offsets.map((at) => {
            const leaderEpoch = this.epochOf(at);
            return leaderEpoch === undefined ? at : { ...at, leaderEpoch };
          }),
        }),
        "OffsetCommitResponse",
        this.settings.config.requestTimeoutMs,
        (response) => finish(response.partitions.find((p) => p.error !== "NONE")?.error ?? "NONE"),
        () => finish("TIMEOUT"),
      );
    });
  }

  private onAnswer(
    call: CommitCall,
    coordinator: string,
    id: number,
    generation: number,
    error: ErrorName | "TIMEOUT",
  ): void {
    const outcome: CommitOutcome =
      error === "NONE" ? "ok" : DEFINITELY_NOT_WRITTEN.has(error) ? "fail" : "info";
    this.recordDone(id, outcome, call.offsets, generation, error === "NONE" ? undefined : error);
    if (error === "NONE") this.onCommitted(call.offsets);
    if (error === "ILLEGAL_GENERATION" || error === "UNKNOWN_MEMBER_ID") this.member.resetGeneration(error);
    if (error === "REBALANCE_IN_PROGRESS") this.member.requestRejoin();
    if (
      error === "TIMEOUT" ||
      error === "NOT_COORDINATOR" ||
      error === "COORDINATOR_NOT_AVAILABLE" ||
      error === "REQUEST_TIMED_OUT"
    ) {
      this.locator.markUnknown(coordinator);
    }
    const retriable = error === "TIMEOUT" || RETRIABLE.has(error);
    if (!retriable || !call.retry || this.ctx.now() >= call.deadlineUs) return call.done(outcome);
    this.ctx.setTimer(this.settings.config.retryBackoffMs, () => this.attempt(call));
  }

  private recordInvoke(offsets: readonly OffsetAt[], generation: number): number {
    const id = this.recorder.newOpId();
    this.recorder.record({
      f: "commit",
      type: "invoke",
      client: this.ctx.id,
      id,
      group: this.settings.group,
      generation,
      offsets,
    });
    return id;
  }

  private recordDone(
    id: number,
    type: CommitOutcome,
    offsets: readonly OffsetAt[],
    generation: number,
    error?: string,
  ): void {
    const group = this.settings.group;
    const fields = { f: "commit" as const, type, client: this.ctx.id, id, group, generation, offsets };
    this.recorder.record(error === undefined ? fields : { ...fields, error });
  }
}
