/**
 * A finding. Names follow checkers.md (and Jepsen's Kafka workload). Every violation carries a
 * sentence a person can read and enough coordinates to jump to it in a report.
 */
import type { Micros } from "../kernel/time";

export const CLIENT_ANOMALIES = [
  "lost-write",
  "unseen",
  "duplicate",
  "inconsistent-offsets",
  "nonmonotonic-send",
  "nonmonotonic-poll",
  "poll-skip",
  "lost-commit",
  "g1a",
] as const;

/** The checks computed from the history (one `HistoryChecker` each). */
export type ClientAnomaly = (typeof CLIENT_ANOMALIES)[number];

export const REPLICA_INVARIANTS = [
  "committed-lost",
  "log-divergence",
  "hw-regression",
  "single-leader",
  "epoch-regression",
  "isr-completeness",
] as const;

export const CHECK_NAMES = [...CLIENT_ANOMALIES, ...REPLICA_INVARIANTS, "liveness"] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** Where `lost-write` and `duplicate` look: the partition log, or a consumer group's sink. */
export type ViolationScope = "log" | "sink";

export interface Violation {
  readonly check: CheckName;
  /** For `lost-write` and `duplicate`: whether the log or a consumer group's sink showed it. */
  readonly scope?: ViolationScope;
  /** "orders-2", when one partition is involved. */
  readonly partition?: string;
  readonly offsets?: readonly number[];
  readonly values?: readonly string[];
  readonly timeUs: Micros;
  /** Index of the trace event where it shows (or the closest one known). */
  readonly traceIndex: number;
  /** One sentence a person can read. */
  readonly message: string;
}
