/**
 * The shape every client-visible anomaly checker shares. A run streams its history through
 * `observe` one op at a time (the history is never held in memory twice); each checker keeps only
 * the state its anomaly needs and judges what is left in `finish`, once the run's end is known.
 */
import type { HistoryOp } from "../history/types";
import type { Micros } from "../kernel/time";
import type { ClientAnomaly, Violation, ViolationScope } from "./violation";

export interface GroupAtEnd {
  readonly name: string;
  readonly topics: readonly string[];
  /** Whether the group read every partition of its topics to the end during the drain. */
  readonly reachedEnd: boolean;
}

export interface Truncation {
  readonly timeUs: Micros;
  readonly broker: string;
  /** "orders-2". */
  readonly partition: string;
  readonly toOffset: number;
  readonly traceIndex: number;
}

export interface CheckContext {
  /** Consumer groups in the scenario: the topics each subscribes to and whether it read every partition to the end in the drain. */
  readonly groups: readonly GroupAtEnd[];
  /** Partitions ("orders-2") the final drain read to their end (the final log is fully known). */
  readonly drainComplete: ReadonlySet<string>;
  /** Log truncations seen in the cluster, to explain a loss ("broker-0 truncated orders-2 to offset 15 at 4.120 s"). */
  readonly truncations: readonly Truncation[];
  /** Which scopes are asserted for lost-write / duplicate (default both). */
  readonly scopes?: {
    readonly "lost-write"?: readonly ViolationScope[];
    readonly duplicate?: readonly ViolationScope[];
  };
}

/** An op's kind, its `f` and `type` together: "send:ok", "poll:invoke", "resume:ok". */
export type OpKind = KindOf<HistoryOp>;
type KindOf<Op> = Op extends HistoryOp ? `${Op["f"]}:${Op["type"]}` : never;

export interface HistoryChecker {
  readonly name: ClientAnomaly;
  /**
   * Every op kind `observe` does anything with. A run's sink hands the checker those kinds only
   * (most ops concern two or three checkers of nine); `observe` itself still takes any op.
   */
  readonly kinds: readonly OpKind[];
  observe(op: HistoryOp): void;
  finish(context: CheckContext): Violation[];
}

const BOTH_SCOPES: readonly ViolationScope[] = ["log", "sink"];

/** The scopes a scoped check asserts in this context (both unless the scenario narrows them). */
export function assertedScopes(
  context: CheckContext,
  check: "lost-write" | "duplicate",
): readonly ViolationScope[] {
  return context.scopes?.[check] ?? BOTH_SCOPES;
}
