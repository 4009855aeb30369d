import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, loadScenarios, ScenarioError } from "../../src/scenario";

function scenarioText(name: string): string {
  return `name: ${name}\ntopics: [{ name: t }]\n`;
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "ksim-scenarios-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("loadScenarios", () => {
  it("expands folders recursively, sorted, keeping *.yaml and *.yml only", () => {
    const root = tree({
      "b.yaml": scenarioText("b"),
      "a/z.yml": scenarioText("az"),
      "a/b/c.yaml": scenarioText("abc"),
      "notes.md": "not a scenario",
    });
    expect(loadScenarios([root]).map((s) => s.sourcePath)).toEqual([
      join(root, "a/b/c.yaml"),
      join(root, "a/z.yml"),
      join(root, "b.yaml"),
    ]);
  });

  it("gathers the problems of every file into one error", () => {
    const root = tree({ "one.yaml": "name: one\n", "two.yaml": `${scenarioText("two")}runz: 1\n` });
    expect(() => loadScenarios([root])).toThrow(
      `${join(root, "one.yaml")}:1:1: topics: is required (a list)\n` +
        `${join(root, "two.yaml")}:3:1: runz: unknown key "runz" (did you mean "runs"?)`,
    );
  });

  it("rejects two scenarios with one name, at the second", () => {
    const root = tree({ "a.yaml": scenarioText("same"), "b.yaml": scenarioText("same") });
    expect(() => loadScenarios([root])).toThrow(
      `${join(root, "b.yaml")}:1:7: name: scenario name "same" is already used by ${join(root, "a.yaml")}`,
    );
  });

  it("reports a missing path and an empty folder", () => {
    const root = tree({ "empty/.keep": "" });
    const missing = join(root, "missing.yaml");
    expect(() => loadScenarios([missing, join(root, "empty")])).toThrow(
      `${missing}:1:1: no such scenario file or folder (ENOENT)\n` +
        `${join(root, "empty")}:1:1: no scenario files (*.yaml, *.yml) in this folder`,
    );
  });
});

describe("loadScenarioFile", () => {
  it("throws a ScenarioError with exit code 2 for an unreadable file", () => {
    const path = join(tmpdir(), "ksim-does-not-exist.yaml");
    try {
      loadScenarioFile(path);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).exitCode).toBe(2);
      expect((error as ScenarioError).message).toBe(`${path}:1:1: cannot read the scenario file (ENOENT)`);
    }
  });
});
