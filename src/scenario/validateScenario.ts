/**
 * Validation, in the order that gives the most useful errors: every config block (independent of
 * the rest), the file's shape, then — once the shape is right — the rules that relate fields, and
 * finally each swarm alternative, by validating the scenario as it would be with that alternative,
 * and that at least one combination of alternatives is valid.
 * Every issue is collected; nothing stops at the first.
 */
import { describeRaw } from "../config/configKey";
import { buildScenario, type ScenarioSource } from "./buildScenario";
import { parseConfigBlocks } from "./configBlocks";
import { formatPath, type PendingIssue } from "./issuePath";
import { CLIENT_RULES } from "./rules/clientRules";
import { FAULT_RULES } from "./rules/faultRules";
import { GENERATE_RULES } from "./rules/generateRules";
import type { Rule } from "./rules/ruleContext";
import { RUN_RULES } from "./rules/runRules";
import { TOPIC_RULES } from "./rules/topicRules";
import type { Scenario, SwarmSpec } from "./scenario";
import { scenarioSchema } from "./schema";
import { zodIssuesToPending } from "./zodIssues";
import { noValidCombinationIssues, type SwarmChoices } from "./swarmCombinations";
import { parseSwarmPath, setAtPath } from "./swarmPath";

const RULES: readonly Rule[] = [
  ...TOPIC_RULES,
  ...CLIENT_RULES,
  ...FAULT_RULES,
  ...GENERATE_RULES,
  ...RUN_RULES,
];

export interface ScenarioValidation {
  /** Present only when there are no issues. */
  readonly scenario: Scenario | undefined;
  readonly issues: readonly PendingIssue[];
  /** What Kafka would adjust silently (idempotence switched off, …); for reports. */
  readonly notes: readonly PendingIssue[];
}

function isMapping(data: unknown): data is Record<string, unknown> {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}

/** `faults:` with nothing after it (YAML null) reads as "use the defaults", like leaving it out. */
const NULL_MEANS_ABSENT = ["cluster", "network", "producers", "consumers", "faults", "phases"];

function withoutNullSections(data: Record<string, unknown>): Record<string, unknown> {
  const cleaned = { ...data };
  for (const key of NULL_MEANS_ABSENT) if (cleaned[key] === null) delete cleaned[key];
  const faults = cleaned["faults"];
  if (isMapping(faults) && (faults as Record<string, unknown>)["schedule"] === null) {
    const { schedule: _none, ...rest } = faults as Record<string, unknown>;
    cleaned["faults"] = rest;
  }
  return cleaned;
}

function withoutSwarm(data: unknown): Record<string, unknown> {
  const copy = structuredClone(data) as Record<string, unknown>;
  delete copy["swarm"];
  return copy;
}

/** Each alternative must give a valid scenario on its own; its issues are reported at the alternative. */
function swarmIssues(data: unknown, swarm: SwarmSpec, source: ScenarioSource): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const [key, alternatives] of Object.entries(swarm)) {
    const path = parseSwarmPath(key);
    if (typeof path === "string") {
      issues.push({ path: ["swarm", key], message: path, at: "key" });
      continue;
    }
    alternatives.forEach((alternative, index) => {
      const variant = withoutSwarm(data);
      const misfit = setAtPath(variant, path, alternative);
      if (misfit !== undefined) {
        issues.push({ path: ["swarm", key, index], message: misfit });
        return;
      }
      for (const issue of validateScenarioData(variant, source, false).issues) {
        const message = `with ${describeRaw(alternative)}: ${formatPath(issue.path)}: ${issue.message}`;
        issues.push({ path: ["swarm", key, index], message });
      }
    });
  }
  return issues;
}

/** The issues of the scenario as one combination of swarm choices makes it (paths already checked). */
function combinationIssues(
  data: unknown,
  choices: SwarmChoices,
  source: ScenarioSource,
): readonly PendingIssue[] {
  const variant = withoutSwarm(data);
  for (const [key, value] of Object.entries(choices)) {
    const path = parseSwarmPath(key);
    if (typeof path !== "string") setAtPath(variant, path, value);
  }
  return validateScenarioData(variant, source, false).issues;
}

export function validateScenarioData(
  raw: unknown,
  source: ScenarioSource,
  checkSwarm = true,
): ScenarioValidation {
  if (!isMapping(raw)) {
    const message =
      raw === undefined || raw === null
        ? "the file is empty; a scenario needs at least a name and topics"
        : `expected a mapping (name, cluster, topics, …), got ${describeRaw(raw)}`;
    return { scenario: undefined, issues: [{ path: [], message }], notes: [] };
  }
  const data = withoutNullSections(raw);
  const blocks = parseConfigBlocks(data);
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const shapeIssues = zodIssuesToPending(parsed.error.issues, scenarioSchema, data);
    return { scenario: undefined, issues: [...shapeIssues, ...blocks.issues], notes: blocks.notes };
  }
  const scenario = buildScenario(parsed.data, blocks, source);
  const issues = [...blocks.issues, ...RULES.flatMap((rule) => rule({ scenario, blocks }))];
  if (checkSwarm && issues.length === 0 && scenario.swarm !== undefined) {
    issues.push(...swarmIssues(data, scenario.swarm, source));
    if (issues.length === 0) {
      const issuesWith = (choices: SwarmChoices) => combinationIssues(data, choices, source);
      issues.push(...noValidCombinationIssues(scenario.swarm, issuesWith));
    }
  }
  return { scenario: issues.length === 0 ? scenario : undefined, issues, notes: blocks.notes };
}
