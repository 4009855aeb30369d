/** `ksim report` refuses a malformed results.json with exit 2 naming file and field, before any work. */
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { editedCopy, ksim, tempDir } from "./cliRunner";

const RESULTS = "test/fixtures/cli/quick-unsafe.results.json";

type Json = Record<string, unknown>;
type Editable = Json & { scenarios: (Json & { finding: Json })[] };

function corrupted(name: string, change: (data: Editable) => void): string {
  return editedCopy<Editable>(RESULTS, name, change);
}

describe("report of a malformed results.json", () => {
  it("is bad input naming the file and the field: missing fields, wrong types, an unknown verdict", () => {
    const cases: [string, (results: Editable) => void, string][] = [
      ["empty-scenario", (r) => (r.scenarios = [{} as Json & { finding: Json }]), "scenarios[0].name: is required (a string)"],
      ["number-items", (r) => (r.scenarios = [1, 2] as unknown as Editable["scenarios"]), "scenarios[0]: expected a mapping, got 1"],
      ["no-counterexample", (r) => delete r.scenarios[0]!.finding["counterexample"], "scenarios[0].finding.counterexample: is required"],
      ["verdict", (r) => (r.scenarios[0]!["verdict"] = "banana"), 'scenarios[0].verdict: expected one of pass | fail | error, got "banana"'],
      ["runs", (r) => (r.scenarios[0]!["runs"] = "many"), 'scenarios[0].runs: expected an integer, got "many"'],
      ["unknown-node", (r) => ((r.scenarios[0]!.finding["counterexample"] as { faults: Json[] }).faults[0]!["node"] = "broker-9"), 'scenarios[0].finding.counterexample.faults[0].node: unknown node "broker-9"'],
    ];
    for (const [name, change, message] of cases) {
      const file = corrupted(name, change);
      const out = tempDir("report-out");
      const run = ksim(["report", file, "--out", out]);
      expect(run.stderr).toContain(`${file}: ${message}`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.status).toBe(2);
      expect(fs.readdirSync(out)).toEqual([]); // refused before writing anything
    }
  });
});
