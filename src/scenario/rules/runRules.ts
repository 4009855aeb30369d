/**
 * Rules about the run as a whole: the network's latency range, an expectation that names only
 * checks the scenario asserts, and checks of what consumer groups do only where there are groups.
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

/** What a check judges that only consumer groups make (if it judges nothing else), and the fix. */
function judgesOnlyGroups(spec: CheckSpec): { judges: string; fix: string } | undefined {
  const { check, scope } = splitCheckSpec(spec);
  if (scope === "sink") return { judges: "what consumer groups processed", fix: `add a consumers: entry, or check the log (${check}:log)` };
  if (check === "lost-commit") return { judges: "the offsets consumer groups commit", fix: "add a consumers: entry" };
  return undefined;
}

/**
 * With no consumers, a check of what groups processed or committed has nothing to judge. A sink
 * check is always written out; a plain `lost-commit` may come from the default checks (harmless,
 * it finds nothing), so it is refused only as an expectation, which no run could then meet.
 */
const groupChecksHaveConsumers: Rule = ({ scenario }) => {
  if (scenario.consumers.length > 0) return [];
  const issues: PendingIssue[] = [];
  const flag = (spec: CheckSpec, path: (string | number)[]): void => {
    const only = judgesOnlyGroups(spec);
    if (only === undefined) return;
    issues.push({ path, message: `${spec} judges ${only.judges}, and the scenario has no consumers; ${only.fix}` });
  };
  scenario.checks.forEach((spec, index) => {
    if (splitCheckSpec(spec).scope === "sink") flag(spec, ["checks", index]);
  });
  if (scenario.expect.kind === "violate") {
    scenario.expect.checks.forEach((spec, index) => flag(spec, ["expect", "violate", index]));
  }
  return issues;
};

export const RUN_RULES: readonly Rule[] = [
  latencyRangeOrdered,
  expectedChecksAsserted,
  groupChecksHaveConsumers,
];
