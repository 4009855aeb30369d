/**
 * Rules about the run as a whole: the network's latency range, an expectation that names only
 * checks the scenario asserts, and sink checks only where consumer groups have a sink.
 */
import { checkCovers, splitCheckSpec, type CheckSpec } from "../checkSpec";
import type { PendingIssue } from "../issuePath";
import type { Rule } from "./ruleContext";

const latencyRangeOrdered: Rule = ({ scenario }) => {
  const { min, max } = scenario.network.latencyMs;
  return min <= max
    ? []
    : [{ path: ["network", "latencyMs", "max"], message: `max ${max} is below min ${min}` }];
};

const expectedChecksAsserted: Rule = ({ scenario }) => {
  if (scenario.expect.kind === "hold") return [];
  const issues: PendingIssue[] = [];
  scenario.expect.checks.forEach((expected, index) => {
    if (scenario.checks.some((asserted) => checkCovers(asserted, expected))) return;
    issues.push({
      path: ["expect", "violate", index],
      message: `"${expected}" is not among the scenario's checks (${scenario.checks.join(", ")}); add it to checks`,
    });
  });
  return issues;
};

function sinkOnly(spec: CheckSpec): boolean {
  return splitCheckSpec(spec).scope === "sink";
}

/** A sink is what consumer groups processed: with no consumers a sink check has nothing to judge. */
const sinkChecksHaveConsumers: Rule = ({ scenario }) => {
  if (scenario.consumers.length > 0) return [];
  const message = (spec: CheckSpec) =>
    `${spec} judges what consumer groups processed, and the scenario has no consumers; ` +
    `add a consumers: entry, or check the log (${splitCheckSpec(spec).check}:log)`;
  const issues: PendingIssue[] = [];
  scenario.checks.forEach((spec, index) => {
    if (sinkOnly(spec)) issues.push({ path: ["checks", index], message: message(spec) });
  });
  if (scenario.expect.kind === "violate") {
    scenario.expect.checks.forEach((spec, index) => {
      if (sinkOnly(spec)) issues.push({ path: ["expect", "violate", index], message: message(spec) });
    });
  }
  return issues;
};

export const RUN_RULES: readonly Rule[] = [
  latencyRangeOrdered,
  expectedChecksAsserted,
  sinkChecksHaveConsumers,
];
