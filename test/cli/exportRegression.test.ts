/**
 * A generated schedule may hold faults that do nothing when they strike — a restart of a node
 * that is up, a crash of one already down — because the generator draws each fault on its own
 * and shrinking drops or moves them freely. An exported regression must still be a scenario the
 * loader accepts, and run as the finding did.
 */
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { exportRegression } from "../../src/cli/exportRegression";
import type { Finding } from "../../src/harness/findings";
import { runOnce } from "../../src/harness/runOnce";
import { checkScenarioText, parseScenario, type FaultSpec } from "../../src/scenario";

const SCENARIO_PATH = "test/fixtures/cli/quick-unsafe.yaml";

function findingWith(faults: FaultSpec[]): Finding {
  return {
    counterexample: { seed: 7, faults },
    violations: [{ check: "lost-write", timeUs: 0, traceIndex: 0, message: "m" }],
    replayCommand: "npx ksim replay …",
  } as unknown as Finding;
}

describe("exportRegression", () => {
  const scenario = parseScenario(fs.readFileSync(SCENARIO_PATH, "utf8"), SCENARIO_PATH);
  // Shrunk from a larger schedule: the crash before the restart, and the restart between the two crashes, were dropped.
  const faults: FaultSpec[] = [
    { kind: "restart", at: 500, node: "broker-1" },
    { kind: "crash", at: 700, node: "broker-0", mode: "kill" },
    { kind: "crash", at: 900, node: "broker-0", mode: "power-loss" },
  ];

  it("writes a scenario the loader accepts even when some faults are no-ops", () => {
    const yaml = exportRegression(scenario, findingWith(faults));
    const checked = checkScenarioText(yaml, "regression.yaml");
    expect(checked.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([]);
  });

  it("the exported schedule runs exactly as the finding's did", () => {
    const exported = parseScenario(exportRegression(scenario, findingWith(faults)), "regression.yaml");
    const original = runOnce(scenario, 7, faults);
    const again = runOnce(exported, 7, exported.faults.schedule);
    expect(again.fingerprint).toBe(original.fingerprint);
  });
});
