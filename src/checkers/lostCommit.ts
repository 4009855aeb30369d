/**
 * `lost-commit`: a committed offset that a later owner of the partition does not resume from.
 *
 * Per (group, partition) the latest commit that completed `ok` (by completion order) is tracked.
 * A later `Resume` of that (group, partition) whose `committed` differs from it is a violation —
 * unless `committed` equals the offset of a commit invoked after that ok commit's invoke that
 * ended `fail` or `info`, or had not completed when the resume happened (such a commit may have
 * landed). The message says whether the owner resumes earlier (re-delivery: duplicates
 * downstream) or later (records never delivered: loss). Reported once per ok commit, stamped with
 * the resume.
 */
import type { CommitDone, CommitInvoke, HistoryOp, Resume } from "../history/types";
import { partitionName } from "../history/types";
import type { Micros } from "../kernel/time";
import { formatSeconds } from "../kernel/time";
import type { CheckContext, HistoryChecker } from "./historyChecker";
import type { Violation } from "./violation";

type CommitStatus = "pending" | CommitDone["type"];

interface CommitAttempt {
  readonly invokeIndex: number;
  readonly offset: number;
  status: CommitStatus;
}

interface OkCommit {
  readonly invokeIndex: number;
  readonly offset: number;
  readonly timeUs: Micros;
  reported: boolean;
}

interface GroupPartition {
  latestOk: OkCommit | null;
  /** Attempts invoked after `latestOk`'s invoke that have not completed ok. */
  attemptsSinceOk: CommitAttempt[];
}

export class LostCommitChecker implements HistoryChecker {
  readonly name = "lost-commit";
  private readonly byGroupPartition = new Map<string, GroupPartition>();
  /** (client, commit id) → its attempts, one per partition, while in flight. */
  private readonly inFlight = new Map<string, CommitAttempt[]>();
  private readonly violations: Violation[] = [];

  observe(op: HistoryOp): void {
    if (op.f === "commit" && op.type === "invoke") this.onInvoke(op);
    else if (op.f === "commit") this.onCompletion(op);
    else if (op.f === "resume") this.onResume(op);
  }

  finish(_context: CheckContext): Violation[] {
    return [...this.violations];
  }

  private onInvoke(op: CommitInvoke): void {
    const attempts = op.offsets.map((at) => {
      const attempt: CommitAttempt = { invokeIndex: op.index, offset: at.offset, status: "pending" };
      this.stateOf(op.group, partitionName(at)).attemptsSinceOk.push(attempt);
      return attempt;
    });
    this.inFlight.set(JSON.stringify([op.client, op.id]), attempts);
  }

  private onCompletion(op: CommitDone): void {
    const commitKey = JSON.stringify([op.client, op.id]);
    const attempts = this.inFlight.get(commitKey) ?? [];
    this.inFlight.delete(commitKey);
    for (const attempt of attempts) attempt.status = op.type;
    if (op.type !== "ok") return;
    for (const [position, at] of op.offsets.entries()) {
      const state = this.stateOf(op.group, partitionName(at));
      const invokeIndex = attempts[position]?.invokeIndex ?? op.index;
      state.latestOk = { invokeIndex, offset: at.offset, timeUs: op.timeUs, reported: false };
      state.attemptsSinceOk = state.attemptsSinceOk.filter(
        (attempt) => attempt.invokeIndex > invokeIndex && attempt.status !== "ok",
      );
    }
  }

  private onResume(op: Resume): void {
    const partition = partitionName(op);
    const state = this.byGroupPartition.get(JSON.stringify([op.group, partition]));
    const latestOk = state?.latestOk;
    if (state === undefined || latestOk === null || latestOk === undefined || latestOk.reported) return;
    if (op.committed === latestOk.offset) return;
    const mayHaveLanded = state.attemptsSinceOk.some(
      (attempt) => attempt.status !== "ok" && attempt.offset === op.committed,
    );
    if (mayHaveLanded) return;
    latestOk.reported = true;
    const found = op.committed === null ? "no committed offset" : `committed offset ${op.committed}`;
    const resumedAt = op.committed ?? op.offset;
    const consequence =
      resumedAt < latestOk.offset
        ? `resuming earlier re-delivers offsets ${resumedAt} to ${latestOk.offset - 1} (duplicates downstream)`
        : resumedAt > latestOk.offset
          ? `resuming later never delivers offsets ${latestOk.offset} to ${resumedAt - 1} (loss)`
          : `it resumes at offset ${resumedAt} only by chance`;
    this.violations.push({
      check: "lost-commit",
      partition,
      offsets: op.committed === null ? [latestOk.offset] : [latestOk.offset, op.committed],
      timeUs: op.timeUs,
      traceIndex: op.traceIndex,
      message: `${op.client} of group ${op.group} found ${found} for ${partition}, but offset ${latestOk.offset} was committed ok at ${formatSeconds(latestOk.timeUs)}; ${consequence}`,
    });
  }

  private stateOf(group: string, partition: string): GroupPartition {
    const key = JSON.stringify([group, partition]);
    let state = this.byGroupPartition.get(key);
    if (state === undefined) {
      state = { latestOk: null, attemptsSinceOk: [] };
      this.byGroupPartition.set(key, state);
    }
    return state;
  }
}
