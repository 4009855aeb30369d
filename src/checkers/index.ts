/**
 * The client-visible anomaly checkers (checkers.md), one per file, and the two ways to run them:
 * `createHistoryCheckers` for a run that streams its history op by op, and `checkHistory` for a
 * history already at hand. Violations come out in one order (see `sortViolations`).
 */
import type { HistorySink } from "../history/recorder";
import type { HistoryOp } from "../history/types";
import { DuplicateChecker } from "./duplicate";
import { G1aChecker } from "./g1a";
import type { CheckContext, HistoryChecker } from "./historyChecker";
import { InconsistentOffsetsChecker } from "./inconsistentOffsets";
import { LostCommitChecker } from "./lostCommit";
import { LostWriteChecker } from "./lostWrite";
import { NonmonotonicPollChecker } from "./nonmonotonicPoll";
import { NonmonotonicSendChecker } from "./nonmonotonicSend";
import { PollSkipChecker } from "./pollSkip";
import { sortViolations } from "./sortViolations";
import { UnseenChecker } from "./unseen";
import { FinalLog } from "./_internals/finalLog";
import { AckLog } from "./_internals/acks";
import { OpRoutes } from "./_internals/opRoutes";
import type { CheckName, ClientAnomaly, Violation } from "./violation";
import { CHECK_NAMES, CLIENT_ANOMALIES } from "./violation";

export type { CheckContext, GroupAtEnd, HistoryChecker, OpKind, Truncation } from "./historyChecker";
export { compareViolations, sortViolations } from "./sortViolations";
export {
  DuplicateChecker,
  G1aChecker,
  InconsistentOffsetsChecker,
  LostCommitChecker,
  LostWriteChecker,
  NonmonotonicPollChecker,
  NonmonotonicSendChecker,
  PollSkipChecker,
  UnseenChecker,
};

/** What several checkers read, built once per run and handed to each that reads it. */
interface Shared {
  readonly finalLog: FinalLog;
  readonly ackLog: AckLog;
}

const CHECKER_FACTORIES: Record<ClientAnomaly, (shared: Shared) => HistoryChecker> = {
  "lost-write": ({ finalLog, ackLog }) => new LostWriteChecker(finalLog, ackLog),
  unseen: ({ finalLog, ackLog }) => new UnseenChecker(finalLog, ackLog),
  duplicate: () => new DuplicateChecker(),
  "inconsistent-offsets": () => new InconsistentOffsetsChecker(),
  "nonmonotonic-send": () => new NonmonotonicSendChecker(),
  "nonmonotonic-poll": () => new NonmonotonicPollChecker(),
  "poll-skip": ({ finalLog }) => new PollSkipChecker(finalLog),
  "lost-commit": () => new LostCommitChecker(),
  g1a: () => new G1aChecker(),
};

/**
 * One fresh checker per client-visible anomaly named, in CLIENT_ANOMALIES order, each once.
 * Replica invariants and `liveness` are checked elsewhere and skipped here; an unknown name throws.
 */
export function createHistoryCheckers(names: readonly CheckName[]): HistoryChecker[] {
  for (const name of names) {
    if (!(CHECK_NAMES as readonly string[]).includes(name)) {
      throw new Error(
        `createHistoryCheckers: unknown check "${String(name)}" (known: ${CHECK_NAMES.join(", ")})`,
      );
    }
  }
  // What the drain read and what was acknowledged, each built once for every checker that reads it.
  const shared: Shared = { finalLog: new FinalLog(), ackLog: new AckLog() };
  return CLIENT_ANOMALIES.filter((anomaly) => names.includes(anomaly)).map((anomaly) =>
    CHECKER_FACTORIES[anomaly](shared),
  );
}

/** One history sink that hands each op to every checker that reads its kind, in order. */
export function checkersSink(checkers: readonly HistoryChecker[]): HistorySink {
  const routes = new OpRoutes(checkers);
  return {
    append: (op) => {
      const readers = routes.checkersOf(op);
      if (readers !== undefined) for (const checker of readers) checker.observe(op);
    },
  };
}

/** Streams `ops` once through a checker per anomaly named and returns every violation, sorted. */
export function checkHistory(
  ops: Iterable<HistoryOp>,
  names: readonly CheckName[],
  context: CheckContext,
): Violation[] {
  const checkers = createHistoryCheckers(names);
  const sink = checkersSink(checkers);
  for (const op of ops) sink.append(op);
  return sortViolations(checkers.flatMap((checker) => checker.finish(context)));
}
