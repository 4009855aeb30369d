/**
 * Fault-schedule rules: faults in time order and inside the chaos phase, nodes that exist,
 * disjoint partition groups, a restart only of a node that is down, and a link fault that changes
 * something. The generator's rules are in generateRules.ts.
 */
import { nodeStateAfter, type NodeState } from "../../faults/effectiveFaults";
import { nodesOfFault, type FaultSpec, type LatencyRangeMs } from "../faultSpec";
import type { PathSegment, PendingIssue } from "../issuePath";
import { allNodeIds, unknownNodeMessage } from "../nodeNames";
import type { Scenario } from "../scenario";
import type { Rule } from "./ruleContext";

type FaultPath = readonly PathSegment[];

function schedulePath(index: number): FaultPath {
  return ["faults", "schedule", index];
}

/** Where each node a fault names sits in the file, in nodesOfFault order. */
function nodePaths(fault: FaultSpec, base: FaultPath): FaultPath[] {
  switch (fault.kind) {
    case "crash":
    case "restart":
    case "pause":
      return [[...base, "node"]];
    case "partition":
      return fault.groups.flatMap((group, g) => group.map((_, k) => [...base, "groups", g, k]));
    case "partition-oneway":
    case "link":
      return [
        [...base, "from"],
        [...base, "to"],
      ];
    case "heal":
      return [];
  }
}

function chaosPhaseIssues(scenario: Scenario, fault: FaultSpec, base: FaultPath): PendingIssue[] {
  const chaosMs = scenario.phases.chaosMs;
  if (fault.at < chaosMs) return [];
  return [
    {
      path: [...base, "at"],
      message: `at ${fault.at} is outside the chaos phase [0, ${chaosMs}) (phases.chaosMs)`,
    },
  ];
}

function timingIssues(scenario: Scenario): PendingIssue[] {
  const issues: PendingIssue[] = [];
  scenario.faults.schedule.forEach((fault, index) => {
    const path = [...schedulePath(index), "at"];
    issues.push(...chaosPhaseIssues(scenario, fault, schedulePath(index)));
    const previous = scenario.faults.schedule[index - 1];
    if (previous !== undefined && fault.at < previous.at) {
      issues.push({
        path,
        message: `at ${fault.at} is earlier than the fault before it (faults.schedule[${index - 1}] at ${previous.at}); list the schedule in time order`,
      });
    }
  });
  return issues;
}

function faultNodeIssues(scenario: Scenario, fault: FaultSpec, base: FaultPath): PendingIssue[] {
  const known = new Set(allNodeIds(scenario));
  const paths = nodePaths(fault, base);
  return nodesOfFault(fault).flatMap((node, k) =>
    known.has(node) ? [] : [{ path: paths[k]!, message: unknownNodeMessage(node, scenario) }],
  );
}

function nodeIssues(scenario: Scenario): PendingIssue[] {
  return scenario.faults.schedule.flatMap((fault, index) =>
    faultNodeIssues(scenario, fault, schedulePath(index)),
  );
}

function partitionGroupIssues(fault: FaultSpec, base: FaultPath): PendingIssue[] {
  if (fault.kind !== "partition") return [];
  const groupOf = new Map<string, number>();
  const issues: PendingIssue[] = [];
  fault.groups.forEach((group, g) =>
    group.forEach((node, k) => {
      const first = groupOf.get(node);
      if (first === undefined) groupOf.set(node, g);
      else {
        const where = first === g ? `twice in group ${g}` : `in groups ${first} and ${g}`;
        issues.push({
          path: [...base, "groups", g, k],
          message: `${node} is ${where}; partition groups must be disjoint`,
        });
      }
    }),
  );
  return issues;
}

function latencyIssue(latencyMs: LatencyRangeMs | undefined, path: FaultPath): PendingIssue[] {
  if (latencyMs === undefined || latencyMs.min <= latencyMs.max) return [];
  return [{ path: [...path, "max"], message: `max ${latencyMs.max} is below min ${latencyMs.min}` }];
}

function linkIssues(fault: FaultSpec, base: FaultPath): PendingIssue[] {
  if (fault.kind !== "link" && fault.kind !== "partition-oneway") return [];
  const issues: PendingIssue[] = [];
  if (fault.from === fault.to)
    issues.push({
      path: [...base, "to"],
      message: `from and to are both ${fault.from}; a link joins two different nodes`,
    });
  if (fault.kind === "link") {
    if (fault.loss === undefined && fault.latencyMs === undefined && fault.duplicate === undefined) {
      issues.push({ path: base, message: "a link fault needs at least one of loss, latencyMs, duplicate" });
    }
    issues.push(...latencyIssue(fault.latencyMs, [...base, "latencyMs"]));
  }
  return issues;
}

/**
 * Walks the schedule in order, tracking each node's state as the run does (`nodeStateAfter`): a
 * crash or restart that would change nothing there is an error here. A node killed earlier may
 * still lose power (its machine kept running, and its page cache with it).
 */
function crashRestartIssues(scenario: Scenario): PendingIssue[] {
  const states = new Map<string, NodeState>();
  const downBy = new Map<string, number>();
  const issues: PendingIssue[] = [];
  scenario.faults.schedule.forEach((fault, index) => {
    if (fault.kind !== "crash" && fault.kind !== "restart") return;
    const state = states.get(fault.node) ?? "up";
    const next = nodeStateAfter(state, fault);
    const path = [...schedulePath(index), "node"];
    if (next === state && fault.kind === "crash") {
      issues.push({
        path,
        message: `${fault.node} is already down at ${fault.at} (crashed by faults.schedule[${downBy.get(fault.node)}])`,
      });
    } else if (next === state) {
      issues.push({
        path,
        message: `${fault.node} is not down at ${fault.at}; a restart needs an earlier crash of it in the schedule`,
      });
    }
    states.set(fault.node, next);
    if (fault.kind === "crash") downBy.set(fault.node, index);
  });
  return issues;
}

/**
 * What one fault needs whatever comes before it: a time inside the chaos phase, nodes that exist,
 * disjoint partition groups, a link that changes something. A finding's schedule is held to this
 * alone: the generator draws each fault on its own and appends them to the explicit schedule, so
 * the explicit schedule's rules of order (time order, a crash before each restart) do not apply.
 */
export function singleFaultIssues(scenario: Scenario, fault: FaultSpec, base: FaultPath): PendingIssue[] {
  return [
    ...chaosPhaseIssues(scenario, fault, base),
    ...faultNodeIssues(scenario, fault, base),
    ...partitionGroupIssues(fault, base),
    ...linkIssues(fault, base),
  ];
}

const scheduleRules: Rule = ({ scenario }) => [
  ...timingIssues(scenario),
  ...nodeIssues(scenario),
  ...scenario.faults.schedule.flatMap((fault, index) => [
    ...partitionGroupIssues(fault, schedulePath(index)),
    ...linkIssues(fault, schedulePath(index)),
  ]),
  ...crashRestartIssues(scenario),
];

export const FAULT_RULES: readonly Rule[] = [scheduleRules];
