/**
 * Scenario text in, a validated Scenario out — or a ScenarioError listing every problem with its
 * file, line and column.
 */
import { createHash } from "node:crypto";
import type { PendingIssue } from "./issuePath";
import { formatPath } from "./issuePath";
import type { Scenario } from "./scenario";
import { ScenarioError, type ScenarioIssue } from "./scenarioError";
import { validateScenarioData } from "./validateScenario";
import { readYaml, type YamlSource } from "./yamlSource";

export interface ScenarioCheck {
  readonly scenario: Scenario | undefined;
  /** Sorted by position. */
  readonly issues: readonly ScenarioIssue[];
  /** Silent adjustments Kafka would make, e.g. idempotence switched off by acks=1. */
  readonly notes: readonly ScenarioIssue[];
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function locateIssue(source: YamlSource, issue: PendingIssue): ScenarioIssue {
  const { line, column } = source.locate(issue.path, issue.at);
  return { file: source.fileName, line, column, path: formatPath(issue.path), message: issue.message };
}

function byPosition(a: ScenarioIssue, b: ScenarioIssue): number {
  return a.line - b.line || a.column - b.column;
}

/** Like parseScenario, without throwing: for linting and for tools that show notes. */
export function checkScenarioText(text: string, fileName: string): ScenarioCheck {
  const source = readYaml(text, fileName);
  if (source.syntaxIssues.length > 0) return { scenario: undefined, issues: source.syntaxIssues, notes: [] };
  const origin = { sourcePath: fileName, sourceText: text, contentHash: sha256Hex(text) };
  const validation = validateScenarioData(source.data, origin);
  const locate = (issue: PendingIssue) => locateIssue(source, issue);
  return {
    scenario: validation.scenario,
    issues: validation.issues.map(locate).sort(byPosition),
    notes: validation.notes.map(locate).sort(byPosition),
  };
}

export function parseScenario(text: string, fileName: string): Scenario {
  const { scenario, issues } = checkScenarioText(text, fileName);
  if (scenario === undefined) throw new ScenarioError(issues);
  return scenario;
}
