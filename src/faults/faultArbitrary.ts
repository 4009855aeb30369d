/**
 * fast-check arbitraries that draw fault schedules from a scenario's `generate` block. They shrink
 * toward fewer faults (array elements drop out), earlier faults (`at` toward the window's start),
 * shorter faults (durations toward their minimum), and the first listed kind and node — so a
 * counterexample ends as the few faults that matter.
 */
import fc from "fast-check";
import type { FaultSpec, GenerateKind, GenerateSpec, GenerateTarget } from "../scenario/faultSpec";

export interface NodeGroups {
  readonly brokers: readonly string[];
  readonly controller: readonly string[];
  readonly producers: readonly string[];
  readonly consumers: readonly string[];
}

const PAUSE_MS = { min: 100, max: 20_000 };
const LINK_MS = { min: 100, max: 10_000 };

export function targetNodes(generate: GenerateSpec, nodes: NodeGroups): string[] {
  return generate.targets.flatMap((target: GenerateTarget) => nodes[target]);
}

export function faultScheduleArbitrary(generate: GenerateSpec, nodes: NodeGroups): fc.Arbitrary<FaultSpec[]> {
  const targets = targetNodes(generate, nodes);
  const kinds = generate.kinds.filter((kind) => kindPossible(kind, targets));
  if (targets.length === 0 || kinds.length === 0 || generate.count.max === 0) return fc.constant([]);
  const at = fc.integer({ min: generate.windowMs.from, max: Math.max(generate.windowMs.from, generate.windowMs.to - 1) });
  const fault = fc.oneof(...kinds.map((kind) => faultOfKind(kind, at, targets)));
  return fc.array(fault, { minLength: generate.count.min, maxLength: generate.count.max });
}

function kindPossible(kind: GenerateKind, targets: readonly string[]): boolean {
  const needsTwo = kind === "partition" || kind === "partition-oneway" || kind === "link";
  return !needsTwo || targets.length >= 2;
}

function faultOfKind(kind: GenerateKind, at: fc.Arbitrary<number>, targets: readonly string[]): fc.Arbitrary<FaultSpec> {
  const node = fc.constantFrom(...targets);
  switch (kind) {
    case "crash":
      return fc.record({ kind: fc.constant("crash" as const), at, node, mode: fc.constant("kill" as const) });
    case "power-loss":
      return fc.record({ kind: fc.constant("crash" as const), at, node, mode: fc.constant("power-loss" as const) });
    case "restart":
      return fc.record({ kind: fc.constant("restart" as const), at, node });
    case "heal":
      return fc.record({ kind: fc.constant("heal" as const), at });
    case "pause":
      return fc.record({ kind: fc.constant("pause" as const), at, node, durationMs: fc.integer(PAUSE_MS) });
    case "partition":
      return fc.record({ kind: fc.constant("partition" as const), at, groups: splitArbitrary(targets) });
    case "partition-oneway":
      return fc
        .record({ at, pair: pairArbitrary(targets) })
        .map(({ at: time, pair }) => ({ kind: "partition-oneway" as const, at: time, from: pair[0], to: pair[1] }));
    case "link":
      return fc
        .record({ at, pair: pairArbitrary(targets), lossPercent: fc.integer({ min: 10, max: 100 }), durationMs: fc.integer(LINK_MS) })
        .map(({ at: time, pair, lossPercent, durationMs }) => ({
          kind: "link" as const,
          at: time,
          from: pair[0],
          to: pair[1],
          loss: lossPercent / 100,
          durationMs,
        }));
  }
}

/** Two groups: a non-empty proper subset of the targets, and the rest of them. */
function splitArbitrary(targets: readonly string[]): fc.Arbitrary<string[][]> {
  return fc
    .subarray([...targets], { minLength: 1, maxLength: targets.length - 1 })
    .map((side) => [side, targets.filter((id) => !side.includes(id))]);
}

function pairArbitrary(targets: readonly string[]): fc.Arbitrary<[string, string]> {
  return fc
    .record({ from: fc.integer({ min: 0, max: targets.length - 1 }), offset: fc.integer({ min: 1, max: targets.length - 1 }) })
    .map(({ from, offset }) => [targets[from]!, targets[(from + offset) % targets.length]!]);
}
