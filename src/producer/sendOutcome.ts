/**
 * How the producer judges one produce answer for one batch: done, retry, or give up — and
 * whether the data may be in the log even so (which makes a give-up `info`, not `fail`).
 */
import { Errors, type ErrorName } from "../protocol/errors";

export type BatchVerdict = "ok" | "retry" | "give-up";

/** Errors after which the batch may have been appended although the answer was not a success. */
const MAYBE_WRITTEN: ReadonlySet<ErrorName> = new Set<ErrorName>(["NOT_ENOUGH_REPLICAS_AFTER_APPEND", "REQUEST_TIMED_OUT"]);

/** Errors that mean our metadata is stale. */
const STALE_METADATA: ReadonlySet<ErrorName> = new Set<ErrorName>([
  "NOT_LEADER_OR_FOLLOWER",
  "LEADER_NOT_AVAILABLE",
  "FENCED_LEADER_EPOCH",
  "UNKNOWN_LEADER_EPOCH",
  "UNKNOWN_TOPIC_OR_PARTITION",
]);

export function maybeWritten(error: ErrorName): boolean {
  return MAYBE_WRITTEN.has(error);
}

export function needsMetadataRefresh(error: ErrorName): boolean {
  return STALE_METADATA.has(error);
}

export function verdictFor(error: ErrorName, canRetry: boolean): BatchVerdict {
  if (error === "NONE" || error === "DUPLICATE_SEQUENCE_NUMBER") return "ok";
  if (Errors[error].retriable && canRetry) return "retry";
  return "give-up";
}
