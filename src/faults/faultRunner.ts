/**
 * Applies a fault schedule to a simulation, then the heal: at the start of the heal phase every
 * fault is undone — partitions healed, held links released, degraded links restored, the base
 * network's loss and duplication stopped, paused nodes resumed and crashed nodes restarted — so the
 * drain can demand convergence.
 */
import type { Simulator } from "../kernel/simulator";
import { msToMicros } from "../kernel/time";
import type { FaultSpec } from "../scenario/faultSpec";
import { effectiveFaults } from "./effectiveFaults";
import { OverlappingFaults } from "./overlappingFaults";

const HARNESS = "harness";

export function scheduleFaults(sim: Simulator, faults: readonly FaultSpec[], healAtMs: number): void {
  const overlapping = new OverlappingFaults(sim);
  for (const fault of effectiveFaults(inTimeOrder(faults))) sim.at(msToMicros(fault.at), () => applyFault(sim, fault, overlapping));
  sim.at(msToMicros(healAtMs), () => healEverything(sim, overlapping));
}

/**
 * The order faults strike in: by time, and faults at the same instant in the order given. Reports
 * list a schedule this way too (a shrunk or generated schedule need not be sorted).
 */
export function inTimeOrder<F extends FaultSpec>(faults: readonly F[]): F[] {
  return faults
    .map((fault, order) => ({ fault, order }))
    .sort((a, b) => a.fault.at - b.fault.at || a.order - b.order)
    .map(({ fault }) => fault);
}

export function applyFault(sim: Simulator, fault: FaultSpec, overlapping: OverlappingFaults): void {
  sim.trace.note("fault", sim.nowUs(), "node" in fault ? fault.node : HARNESS, describeFault(fault));
  const network = sim.network;
  switch (fault.kind) {
    case "crash":
      return sim.crash(fault.node, fault.mode);
    case "restart":
      return sim.restart(fault.node);
    case "partition":
      return network.partition(fault.groups.map((group) => group.map((id) => sim.indexOf(id))));
    case "partition-oneway":
      return network.partitionOneWay(sim.indexOf(fault.from), sim.indexOf(fault.to));
    case "heal":
      return network.heal();
    case "pause":
      return overlapping.pause(fault);
    case "link":
      return overlapping.link(fault);
  }
}

/** Undo every fault: the start of the heal phase. */
export function healEverything(sim: Simulator, overlapping: OverlappingFaults): void {
  sim.trace.note("heal", sim.nowUs(), HARNESS);
  overlapping.forget();
  sim.network.heal();
  sim.network.releaseAll();
  sim.network.clearLinks();
  sim.network.calm();
  for (const id of sim.nodeIds()) {
    if (sim.isPaused(id)) sim.resume(id);
    if (sim.isCrashed(id)) sim.restart(id);
  }
}

/** The fault as flat trace detail (for the fingerprint and the report's fault bands). */
export function describeFault(fault: FaultSpec): Record<string, string | number> {
  switch (fault.kind) {
    case "crash":
      return { kind: fault.kind, node: fault.node, mode: fault.mode };
    case "restart":
      return { kind: fault.kind, node: fault.node };
    case "partition":
      return { kind: fault.kind, groups: fault.groups.map((g) => g.join(",")).join(" | ") };
    case "partition-oneway":
      return { kind: fault.kind, from: fault.from, to: fault.to };
    case "heal":
      return { kind: fault.kind };
    case "pause":
      return { kind: fault.kind, node: fault.node, durationMs: fault.durationMs };
    case "link":
      return {
        kind: fault.kind,
        from: fault.from,
        to: fault.to,
        loss: fault.loss ?? -1,
        duplicate: fault.duplicate ?? -1,
        latencyMs: fault.latencyMs === undefined ? "" : `${fault.latencyMs.min}-${fault.latencyMs.max}`,
        durationMs: fault.durationMs,
      };
  }
}

/** One line a person reads: "at 2.000 s crash broker-1 (power-loss)". */
export function faultToText(fault: FaultSpec): string {
  const at = `at ${(fault.at / 1000).toFixed(3)} s`;
  switch (fault.kind) {
    case "crash":
      return `${at} crash ${fault.node} (${fault.mode})`;
    case "restart":
      return `${at} restart ${fault.node}`;
    case "partition":
      return `${at} partition ${fault.groups.map((g) => `[${g.join(", ")}]`).join(" from ")}`;
    case "partition-oneway":
      return `${at} cut ${fault.from} → ${fault.to} (one way)`;
    case "heal":
      return `${at} heal every partition`;
    case "pause":
      return `${at} pause ${fault.node} for ${fault.durationMs} ms`;
    case "link": {
      const what = [
        fault.loss !== undefined ? `loss ${fault.loss}` : "",
        fault.duplicate !== undefined ? `duplicate ${fault.duplicate}` : "",
        fault.latencyMs !== undefined ? `latency ${fault.latencyMs.min}-${fault.latencyMs.max} ms` : "",
      ].filter((s) => s !== "");
      return `${at} degrade link ${fault.from} → ${fault.to} (${what.join(", ")}) for ${fault.durationMs} ms`;
    }
  }
}
