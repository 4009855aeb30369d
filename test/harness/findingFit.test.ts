import { describe, expect, it } from "vitest";
import { findingFitIssues } from "../../src/harness/findingFit";
import type { Finding } from "../../src/harness/findings";
import { parseScenario } from "../../src/scenario";
import type { FaultSpec } from "../../src/scenario/faultSpec";

const SCENARIO = parseScenario(
  `name: swarmed
topics: [{ name: t, partitions: 1, replicationFactor: 3 }]
producers: [{ id: p1, workload: { topic: t, messages: 10 } }]
phases: { chaosMs: 1000 }
swarm: { "network.duplicate": [0, 0.01], "phases.chaosMs": [1000, 2000] }
`,
  "s.yaml",
);

function finding(swarmChoices: Record<string, unknown>, faults: FaultSpec[] = []): Finding {
  return {
    scenario: SCENARIO.name,
    contentHash: SCENARIO.contentHash,
    scenarioPath: "s.yaml",
    fastCheckSeed: 1,
    fastCheckPath: "0",
    counterexample: { seed: 1, faults, swarmChoices: swarmChoices as Finding["counterexample"]["swarmChoices"] },
    fingerprint: "0000000000000000",
    violations: [],
    runsToFind: 1,
    faultsBeforeShrink: 0,
    wallMsToFind: 0,
    wallMsToShrink: 0,
    replayCommand: "",
  };
}

const messages = (f: Finding): string[] => findingFitIssues(SCENARIO, f).map((issue) => issue.message);

describe("a finding fits its scenario", () => {
  it("only when every swarm choice is one of the scenario's alternatives, one for each key", () => {
    expect(messages(finding({ "network.duplicate": 0.01, "phases.chaosMs": 2000 }))).toEqual([]);
    expect(messages(finding({ "network.duplicate": 0.9, "phases.chaosMs": 2000 }))).toEqual([
      `"network.duplicate": 0.9 is not one of the scenario's alternatives (0, 0.01)`,
    ]);
    expect(messages(finding({ "network.duplicate": 0 }))).toEqual([
      `no choice for swarm key "phases.chaosMs" (one of 1000, 2000)`,
    ]);
  });

  it("judges each fault alone, by the run's scenario (swarm choices applied)", () => {
    const crash: FaultSpec = { kind: "crash", at: 1500, node: "broker-0", mode: "kill" };
    const restartUp: FaultSpec = { kind: "restart", at: 10, node: "broker-1" }; // the generator may draw it
    expect(messages(finding({ "network.duplicate": 0, "phases.chaosMs": 2000 }, [crash, restartUp]))).toEqual([]);
    expect(messages(finding({ "network.duplicate": 0, "phases.chaosMs": 1000 }, [crash]))).toEqual([
      "at 1500 is outside the chaos phase [0, 1000) (phases.chaosMs)",
    ]);
  });
});
