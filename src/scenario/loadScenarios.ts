/**
 * Scenario files from disk. Folders expand to every *.yaml / *.yml below them, sorted, so a run
 * over `scenarios/` always visits the same files in the same order. Problems across all files are
 * gathered into one ScenarioError.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkScenarioText, locateIssue } from "./parseScenario";
import type { Scenario } from "./scenario";
import { ScenarioError, type ScenarioIssue } from "./scenarioError";
import { readYaml } from "./yamlSource";

const SCENARIO_FILE = /\.ya?ml$/i;

function fileIssue(file: string, message: string): ScenarioIssue {
  return { file, line: 1, column: 1, path: "", message };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : String(error);
}

function readText(path: string): string | ScenarioIssue {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    return fileIssue(path, `cannot read the scenario file (${errorCode(error)})`);
  }
}

export function loadScenarioFile(path: string): Scenario {
  const text = readText(path);
  if (typeof text !== "string") throw new ScenarioError([text]);
  const { scenario, issues } = checkScenarioText(text, path);
  if (scenario === undefined) throw new ScenarioError(issues);
  return scenario;
}

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (SCENARIO_FILE.test(entry.name)) found.push(path);
  }
  return found;
}

/** `x.yaml` and `./x.yaml` (or a file also inside a folder given) are one file: keep its first spelling. */
function firstOfEachFile(files: readonly string[]): string[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    const key = resolve(file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The scenario files `paths` name: files as given, folders expanded recursively and sorted. */
export function expandScenarioPaths(paths: readonly string[]): { files: string[]; issues: ScenarioIssue[] } {
  const files: string[] = [];
  const issues: ScenarioIssue[] = [];
  for (const path of paths) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      issues.push(fileIssue(path, `no such scenario file or folder (${errorCode(error)})`));
      continue;
    }
    if (!isFolder) files.push(path);
    else {
      const found = filesUnder(path).sort();
      if (found.length === 0)
        issues.push(fileIssue(path, "no scenario files (*.yaml, *.yml) in this folder"));
      files.push(...found);
    }
  }
  return { files: firstOfEachFile(files), issues };
}

/** Scenario names are used in reports and replay commands, so they must be unique across a run. */
function duplicateNameIssues(scenarios: readonly Scenario[]): ScenarioIssue[] {
  const firstFile = new Map<string, string>();
  const issues: ScenarioIssue[] = [];
  for (const scenario of scenarios) {
    const first = firstFile.get(scenario.name);
    if (first === undefined) {
      firstFile.set(scenario.name, scenario.sourcePath);
      continue;
    }
    const source = readYaml(scenario.sourceText, scenario.sourcePath);
    issues.push(
      locateIssue(source, {
        path: ["name"],
        message: `scenario name "${scenario.name}" is already used by ${first}`,
      }),
    );
  }
  return issues;
}

export function loadScenarios(paths: readonly string[]): Scenario[] {
  const { files, issues } = expandScenarioPaths(paths);
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const text = readText(file);
    if (typeof text !== "string") {
      issues.push(text);
      continue;
    }
    const checked = checkScenarioText(text, file);
    if (checked.scenario === undefined) issues.push(...checked.issues);
    else scenarios.push(checked.scenario);
  }
  issues.push(...duplicateNameIssues(scenarios));
  if (issues.length > 0) throw new ScenarioError(issues);
  return scenarios;
}
