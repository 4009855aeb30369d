/**
 * Rules about the run as a whole: the network's latency range, and an expectation that names
 * only checks the scenario asserts.
 */
import { checkCovers } from "../checkSpec";
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

export const RUN_RULES: readonly Rule[] = [latencyRangeOrdered, expectedChecksAsserted];
