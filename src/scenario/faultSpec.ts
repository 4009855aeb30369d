/**
 * Faults a scenario schedules explicitly, and the generator block fast-check draws schedules
 * from. Times are simulated milliseconds from the start of the run.
 */

export const FAULT_KINDS = [
  "crash",
  "restart",
  "partition",
  "partition-oneway",
  "heal",
  "pause",
  "link",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const CRASH_MODES = ["kill", "power-loss"] as const;
/** kill: the process dies, the page cache survives; power-loss: unflushed writes are gone. */
export type CrashMode = (typeof CRASH_MODES)[number];

export interface LatencyRangeMs {
  readonly min: number;
  readonly max: number;
}

export interface CrashFault {
  readonly kind: "crash";
  readonly at: number;
  readonly node: string;
  readonly mode: CrashMode;
}

export interface RestartFault {
  readonly kind: "restart";
  readonly at: number;
  readonly node: string;
}

/** Nodes in different groups lose every link between them; unlisted nodes keep theirs. */
export interface PartitionFault {
  readonly kind: "partition";
  readonly at: number;
  readonly groups: readonly (readonly string[])[];
}

/** `from` can no longer reach `to`; `to` still reaches `from`. */
export interface PartitionOneWayFault {
  readonly kind: "partition-oneway";
  readonly at: number;
  readonly from: string;
  readonly to: string;
}

/** Undo every partition (one-way ones included). */
export interface HealFault {
  readonly kind: "heal";
  readonly at: number;
}

/** The node stops for `durationMs` (GC, stop-the-world) and then carries on where it was. */
export interface PauseFault {
  readonly kind: "pause";
  readonly at: number;
  readonly node: string;
  readonly durationMs: number;
}

/** The link from → to degrades for `durationMs`; unset properties keep the network's defaults. */
export interface LinkFault {
  readonly kind: "link";
  readonly at: number;
  readonly from: string;
  readonly to: string;
  readonly loss?: number;
  readonly latencyMs?: LatencyRangeMs;
  readonly duplicate?: number;
  readonly durationMs: number;
}

export type FaultSpec =
  CrashFault | RestartFault | PartitionFault | PartitionOneWayFault | HealFault | PauseFault | LinkFault;

/** A generator may also draw `power-loss`: a crash with mode power-loss. */
export const GENERATE_KINDS = [...FAULT_KINDS, "power-loss"] as const;
export type GenerateKind = (typeof GENERATE_KINDS)[number];

export const GENERATE_TARGETS = ["brokers", "controller", "producers", "consumers"] as const;
export type GenerateTarget = (typeof GENERATE_TARGETS)[number];

export interface GenerateSpec {
  readonly count: { readonly min: number; readonly max: number };
  readonly kinds: readonly GenerateKind[];
  readonly targets: readonly GenerateTarget[];
  /** Generated faults start within [from, to). */
  readonly windowMs: { readonly from: number; readonly to: number };
}

/** The nodes a fault names, in the order it names them. */
export function nodesOfFault(fault: FaultSpec): string[] {
  switch (fault.kind) {
    case "crash":
    case "restart":
    case "pause":
      return [fault.node];
    case "partition":
      return fault.groups.flat();
    case "partition-oneway":
    case "link":
      return [fault.from, fault.to];
    case "heal":
      return [];
  }
}
