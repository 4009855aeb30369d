/**
 * Whether a finding can be replayed on its scenario: swarm choices the scenario offers (one for
 * each swarm key, as the harness always picks), and faults the run's scenario can take. A finding
 * that does not fit was edited or belongs elsewhere; replaying it anyway would fail inside the
 * simulation or replay a run the harness could never have drawn.
 */
import { isDeepStrictEqual } from "node:util";
import type { PathSegment, PendingIssue } from "../scenario/issuePath";
import { singleFaultIssues } from "../scenario/rules/faultRules";
import type { Scenario, SwarmValue } from "../scenario/scenario";
import type { Finding } from "./findings";
import { scenarioForRun } from "./runInput";

const CHOICES_PATH: readonly PathSegment[] = ["counterexample", "swarmChoices"];

function alternativesText(alternatives: readonly SwarmValue[]): string {
  return alternatives.map((alternative) => JSON.stringify(alternative)).join(", ");
}

function swarmIssues(scenario: Scenario, choices: Readonly<Record<string, SwarmValue>>): PendingIssue[] {
  const swarm = scenario.swarm ?? {};
  const keys = Object.keys(swarm);
  const issues: PendingIssue[] = [];
  for (const [key, choice] of Object.entries(choices)) {
    const alternatives = swarm[key];
    if (alternatives === undefined) {
      const offered = keys.length === 0 ? "the scenario has no swarm" : `its swarm keys are ${keys.join(", ")}`;
      issues.push({ path: CHOICES_PATH, message: `"${key}" is not a swarm key of ${scenario.sourcePath} (${offered})` });
    } else if (!alternatives.some((alternative) => isDeepStrictEqual(alternative, choice))) {
      issues.push({ path: CHOICES_PATH, message: `"${key}": ${JSON.stringify(choice)} is not one of the scenario's alternatives (${alternativesText(alternatives)})` });
    }
  }
  for (const key of keys.filter((name) => !(name in choices))) {
    issues.push({ path: CHOICES_PATH, message: `no choice for swarm key "${key}" (one of ${alternativesText(swarm[key]!)})` });
  }
  return issues;
}

/** Issues with paths inside the finding; none when the scenario changed (the replay says so itself). */
export function findingFitIssues(scenario: Scenario, finding: Finding): PendingIssue[] {
  if (scenario.contentHash !== finding.contentHash) return [];
  const choices = finding.counterexample.swarmChoices ?? {};
  const choiceIssues = swarmIssues(scenario, choices);
  if (choiceIssues.length > 0) return choiceIssues;
  const runScenario = scenarioForRun(scenario, choices);
  return finding.counterexample.faults.flatMap((fault, index) =>
    singleFaultIssues(runScenario, fault, ["counterexample", "faults", index]),
  );
}
