/**
 * Bad input is reported, never thrown as something else: any value anywhere in a scenario file
 * gives either a Scenario or ScenarioIssues with real positions.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { checkScenarioText } from "../../src/scenario";

const example = parse(readFileSync("test/fixtures/scenarios/format-example.yaml", "utf8")) as unknown;

/** Every path to a value inside `data`. */
function pathsOf(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(data)) data.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (typeof data === "object" && data !== null) {
    for (const [key, value] of Object.entries(data)) paths.push(...pathsOf(value, [...prefix, key]));
  }
  return paths;
}

function replaced(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let parent = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
  return copy;
}

const EXAMPLE_PATHS = pathsOf(example);

describe("scenario validation on arbitrary input", () => {
  it("never throws and always places its issues in the file", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLE_PATHS), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const text = stringify(replaced(example, path, value));
        const lineCount = text.split("\n").length;
        const { scenario, issues } = checkScenarioText(text, "fuzz.yaml");
        expect(scenario === undefined).toBe(issues.length > 0);
        for (const issue of issues) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(lineCount);
          expect(issue.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});
