/**
 * `lost-commit`: a committed offset that a later owner of the partition does not resume from.
 *
 * Commits are only partially ordered in real time: commit a surely took effect before commit b
 * only if a completed before b was invoked. So when an owner resumes, the committed offset it
 * finds may be that of any commit that has not been superseded for sure — one that did not fail,
 * was invoked before the resume, and is not followed by an ok commit that was invoked after it
 * completed and completed itself before the resume. Finding anything else (or nothing, after an
 * ok commit) is a violation; the message says whether the owner resumes earlier (re-delivery:
 * duplicates downstream) or later (records never delivered: loss). A paused client that hears of
 * its own commit late is therefore no false alarm: its commit is ordered by when it was invoked.
 * One client's commits share a connection and take effect in the order they were invoked. The
 * question itself takes time too: a commit that completes while the OffsetFetch is out is
 * concurrent with it and may or may not show (a resume records when it asked).
 * Superseded commits are pruned as ok commits complete, so the state stays small.
 */
import type { CommitDone, CommitInvoke, HistoryOp, Resume } from "../history/types";
import { partitionName } from "../history/types";
import type { Micros } from "../kernel/time";
import { formatSeconds } from "../kernel/time";
import type { CheckContext, HistoryChecker, OpKind } from "./historyChecker";
import type { Violation } from "./violation";
import { compositeKey } from "./_internals/compositeKey";

type CommitStatus = "pending" | CommitDone["type"];

interface Commit {
  readonly client: string;
  readonly invokeIndex: number;
  readonly offset: number;
  status: CommitStatus;
  /** History index of the completion; Infinity while pending. */
  completeIndex: number;
  completeUs: Micros;
}

interface GroupPartition {
  commits: Commit[];
  /** The ok commit already reported against, so one loss is reported once. */
  reportedFor: Commit | undefined;
}

export class LostCommitChecker implements HistoryChecker {
  readonly name = "lost-commit";
  readonly kinds: readonly OpKind[] = ["commit:invoke", "commit:ok", "commit:fail", "commit:info", "resume:ok"];
  private readonly byGroupPartition = new Map<string, GroupPartition>();
  /** (client, commit id) → its commits, one per partition, while in flight. */
  private readonly inFlight = new Map<string, Commit[]>();
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
    const commits = op.offsets.map((at) => {
      const commit: Commit = { client: op.client, invokeIndex: op.index, offset: at.offset, status: "pending", completeIndex: Infinity, completeUs: 0 };
      this.stateOf(op.group, partitionName(at)).commits.push(commit);
      return commit;
    });
    this.inFlight.set(compositeKey(op.client, op.id), commits);
  }

  private onCompletion(op: CommitDone): void {
    const commitKey = compositeKey(op.client, op.id);
    const commits = this.inFlight.get(commitKey) ?? [];
    this.inFlight.delete(commitKey);
    for (const commit of commits) {
      commit.status = op.type;
      commit.completeIndex = op.index;
      commit.completeUs = op.timeUs;
    }
    if (op.type !== "ok") return;
    for (const at of op.offsets) {
      const state = this.stateOf(op.group, partitionName(at));
      const done = commits.find((c) => state.commits.includes(c));
      if (done === undefined) continue;
      // Whatever this ok commit supersedes can never be the committed offset again.
      state.commits = state.commits.filter((c) => c === done || !supersedes(done, c));
    }
  }

  private onResume(op: Resume): void {
    const partition = partitionName(op);
    const state = this.byGroupPartition.get(compositeKey(op.group, partition));
    if (state === undefined) return;
    // Commits that completed before the committed offset was asked for must show in the answer.
    const okBefore = state.commits.filter((c) => c.status === "ok" && c.completeIndex < op.askedIndex);
    if (okBefore.length === 0) return;
    const candidates = state.commits.filter(
      (c) =>
        c.status !== "fail" &&
        c.invokeIndex < op.index &&
        !okBefore.some((later) => supersedes(later, c)),
    );
    if (op.committed !== null && candidates.some((c) => c.offset === op.committed)) return;
    const latestOk = okBefore.reduce((a, b) => (b.invokeIndex > a.invokeIndex ? b : a));
    if (state.reportedFor === latestOk) return;
    state.reportedFor = latestOk;
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
      message: `${op.client} of group ${op.group} found ${found} for ${partition}, but offset ${latestOk.offset} was committed ok at ${formatSeconds(latestOk.completeUs)}; ${consequence}`,
    });
  }

  private stateOf(group: string, partition: string): GroupPartition {
    const key = compositeKey(group, partition);
    let state = this.byGroupPartition.get(key);
    if (state === undefined) {
      state = { commits: [], reportedFor: undefined };
      this.byGroupPartition.set(key, state);
    }
    return state;
  }
}

/**
 * Whether ok commit `later` surely took effect after `earlier`: it was invoked after `earlier`
 * completed, or — one client's requests share one connection and are applied in order — it came
 * from the same client and was invoked after it.
 */
function supersedes(later: Commit, earlier: Commit): boolean {
  if (later === earlier) return false;
  if (later.invokeIndex > earlier.completeIndex) return true;
  return later.client === earlier.client && later.invokeIndex > earlier.invokeIndex;
}
