/** The shape every replica invariant shares: fed trace events as they happen, asked once at the end. */
import type { TraceEvent } from "../../kernel/trace";
import type { CheckName, Violation } from "../violation";
import type { ClusterView } from "./clusterView";

export interface ReplicaInvariant {
  readonly name: CheckName;
  /** Trace kinds this invariant wants to see. */
  readonly kinds: readonly string[];
  onEvent(event: TraceEvent, view: ClusterView): void;
  finish(view: ClusterView, timeUs: number, traceIndex: number): void;
  readonly violations: Violation[];
}

export function detailOf(event: TraceEvent): Readonly<Record<string, string | number | boolean | undefined>> {
  return (event.detail ?? {}) as Readonly<Record<string, string | number | boolean | undefined>>;
}
