/**
 * The faults of a schedule that strike something. The generator draws each fault on its own, and
 * shrinking drops and moves them freely, so a schedule may restart a node that is up or kill one
 * that is already down: those change nothing, and the run skips them (its trace and the report's
 * fault marks show only what happened), and an exported regression leaves them out (an explicit
 * schedule must not hold them). Only crashes and restarts move a node between up and down, so a
 * walk in time order knows the state each one meets. A power loss of a node killed earlier still
 * strikes: the machine loses its page cache.
 */
import type { FaultSpec } from "../scenario/faultSpec";

export type NodeState = "up" | "killed" | "powered-off";

export function effectiveFaults(faultsInTimeOrder: readonly FaultSpec[]): FaultSpec[] {
  const states = new Map<string, NodeState>();
  return faultsInTimeOrder.filter((fault) => {
    if (fault.kind !== "crash" && fault.kind !== "restart") return true;
    const state = states.get(fault.node) ?? "up";
    const next = nodeStateAfter(state, fault);
    if (next === state) return false;
    states.set(fault.node, next);
    return true;
  });
}

/** A node's state after a crash or restart strikes it: the same state when it strikes nothing. */
export function nodeStateAfter(state: NodeState, fault: FaultSpec & { kind: "crash" | "restart" }): NodeState {
  if (fault.kind === "restart") return "up";
  if (fault.mode === "power-loss") return "powered-off";
  return state === "up" ? "killed" : state;
}
