/** `ksim list [paths…]`: the scenarios with their descriptions and expectations. */
import { loadScenarios } from "../../scenario/loadScenarios";

export function listCommand(paths: readonly string[]): number {
  const scenarios = loadScenarios(paths.length > 0 ? paths : ["scenarios"]);
  for (const scenario of scenarios) {
    const expectation = scenario.expect.kind === "hold" ? "hold" : `violate ${scenario.expect.checks.join(" | ")}`;
    process.stdout.write(`${scenario.name}  [${expectation}, ${scenario.runs} runs]  ${scenario.sourcePath}\n`);
    const description = scenario.description.trim();
    if (description !== "") process.stdout.write(`    ${description}\n`);
  }
  return 0;
}
