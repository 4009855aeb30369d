/**
 * One swarm pick: the scenario as it is with the chosen alternative at each swarm path. The file's
 * original text is re-read, so "not set" stays "not set" (Kafka treats a default and an explicit
 * value differently, e.g. enable.idempotence).
 */
import { formatPath } from "./issuePath";
import { locateIssue } from "./parseScenario";
import type { Scenario, SwarmValue } from "./scenario";
import { ScenarioError } from "./scenarioError";
import { parseSwarmPath, setAtPath } from "./swarmPath";
import { validateScenarioData } from "./validateScenario";
import { readYaml } from "./yamlSource";

/**
 * `choices` maps swarm keys to one of their alternatives. Each alternative was validated alone;
 * a combination can still conflict (acks=1 with enable.idempotence=true), which throws a
 * ScenarioError located at the swarm entries.
 */
export function withSwarmChoices(
  scenario: Scenario,
  choices: Readonly<Record<string, SwarmValue>>,
): Scenario {
  const source = readYaml(scenario.sourceText, scenario.sourcePath);
  const data = structuredClone(source.data) as Record<string, unknown>;
  delete data["swarm"];
  const fail = (key: string, message: string): never => {
    throw new ScenarioError([locateIssue(source, { path: ["swarm", key], message, at: "key" })]);
  };
  for (const [key, value] of Object.entries(choices)) {
    if (scenario.swarm?.[key] === undefined) fail(key, `"${key}" is not a swarm key of this scenario`);
    const path = parseSwarmPath(key);
    const misfit = typeof path === "string" ? path : setAtPath(data, path, value);
    if (misfit !== undefined) fail(key, misfit);
  }
  const origin = {
    sourcePath: scenario.sourcePath,
    sourceText: scenario.sourceText,
    contentHash: scenario.contentHash,
  };
  const validation = validateScenarioData(data, origin, false);
  if (validation.scenario === undefined) {
    const where = Object.keys(choices)[0] ?? "";
    const combination = JSON.stringify(choices);
    throw new ScenarioError(
      validation.issues.map((issue) =>
        locateIssue(source, {
          path: ["swarm", where],
          message: `with ${combination}: ${formatPath(issue.path)}: ${issue.message}`,
          at: "key",
        }),
      ),
    );
  }
  return { ...validation.scenario, swarmChoices: { ...choices } };
}
