/**
 * Rules for a `generate` block: ranges that make sense, targets the scenario has, and every listed
 * kind one the generator can actually draw — a kind it cannot draw would silently yield no faults
 * (a partition of one node) or only no-ops (a restart when nothing is down), and the scenario
 * would pass untested.
 */
import type { GenerateKind, GenerateSpec, GenerateTarget } from "../faultSpec";
import type { PendingIssue } from "../issuePath";
import { brokerIds, consumerNodeIds, producerNodeIds } from "../nodeNames";
import type { Scenario } from "../scenario";
import type { Rule } from "./ruleContext";

/**
 * The window must lie inside a chaos phase that exists. With no chaos phase the window the file
 * may not even write (it defaults to the whole phase) is not the thing to fix: phases.chaosMs is.
 */
function windowIssues(scenario: Scenario, windowMs: GenerateSpec["windowMs"]): PendingIssue[] {
  const base = ["faults", "generate", "windowMs"];
  const chaosMs = scenario.phases.chaosMs;
  if (chaosMs === 0) {
    const message =
      "chaosMs 0 leaves no chaos phase for faults.generate to draw faults in; make it longer or remove faults.generate";
    return [{ path: ["phases", "chaosMs"], message }];
  }
  const issues: PendingIssue[] = [];
  if (windowMs.from >= windowMs.to)
    issues.push({ path: [...base, "to"], message: `to ${windowMs.to} must be after from ${windowMs.from}` });
  if (windowMs.to > chaosMs) {
    issues.push({
      path: [...base, "to"],
      message: `to ${windowMs.to} is beyond the chaos phase (phases.chaosMs is ${chaosMs})`,
    });
  }
  return issues;
}

const generateRanges: Rule = ({ scenario }) => {
  const generate = scenario.faults.generate;
  if (generate === undefined) return [];
  const base = ["faults", "generate"];
  const issues: PendingIssue[] = [];
  const { count, windowMs, targets } = generate;
  if (count.min > count.max)
    issues.push({ path: [...base, "count", "max"], message: `max ${count.max} is below min ${count.min}` });
  issues.push(...windowIssues(scenario, windowMs));
  targets.forEach((target, index) => {
    const empty =
      (target === "producers" && scenario.producers.length === 0) ||
      (target === "consumers" && scenario.consumers.length === 0);
    if (empty)
      issues.push({ path: [...base, "targets", index], message: `the scenario has no ${target} to target` });
  });
  return issues;
};

function targetNodes(scenario: Scenario, targets: readonly GenerateTarget[]): string[] {
  const nodesOf: Record<GenerateTarget, () => string[]> = {
    brokers: () => brokerIds(scenario.cluster.brokers),
    controller: () => ["controller"],
    producers: () => producerNodeIds(scenario),
    consumers: () => consumerNodeIds(scenario),
  };
  return targets.flatMap((target) => nodesOf[target]());
}

/** Whether the schedule crashes a node it does not restart (it stays down until the heal phase). */
function leavesNodeDown(scenario: Scenario): boolean {
  const down = new Set<string>();
  for (const fault of scenario.faults.schedule) {
    if (fault.kind === "crash") down.add(fault.node);
    if (fault.kind === "restart") down.delete(fault.node);
  }
  return down.size > 0;
}

const NEEDS_TWO_NODES: readonly GenerateKind[] = ["partition", "partition-oneway", "link"];

/** Why the generator could never draw `kind` (it would silently draw none, or only no-ops), if so. */
function undrawableReason(
  kind: GenerateKind,
  scenario: Scenario,
  targets: readonly string[],
): string | undefined {
  const kinds = scenario.faults.generate?.kinds ?? [];
  const scheduled = scenario.faults.schedule.map((fault) => fault.kind);
  if (NEEDS_TWO_NODES.includes(kind) && targets.length < 2) {
    return (
      `${kind} needs two nodes, and the targets name only ${targets.length} (${targets.join(", ") || "none"}); ` +
      `add targets or remove ${kind}`
    );
  }
  if (
    kind === "restart" &&
    !kinds.includes("crash") &&
    !kinds.includes("power-loss") &&
    !leavesNodeDown(scenario)
  ) {
    return "restart restarts a crashed node, and nothing leaves one down; add crash or power-loss to kinds";
  }
  const partitions = ["partition", "partition-oneway"] as const;
  if (kind === "heal" && !partitions.some((p) => kinds.includes(p) || scheduled.includes(p))) {
    return "heal undoes partitions, and nothing makes one; add partition or partition-oneway to kinds";
  }
  return undefined;
}

const generatedKindsDrawable: Rule = ({ scenario }) => {
  const generate = scenario.faults.generate;
  if (generate === undefined) return [];
  const targets = targetNodes(scenario, generate.targets);
  const issues: PendingIssue[] = [];
  generate.kinds.forEach((kind, index) => {
    const reason = undrawableReason(kind, scenario, targets);
    if (reason !== undefined) issues.push({ path: ["faults", "generate", "kinds", index], message: reason });
  });
  return issues;
};

export const GENERATE_RULES: readonly Rule[] = [generateRanges, generatedKindsDrawable];
