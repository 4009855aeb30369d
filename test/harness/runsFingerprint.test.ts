import { describe, expect, it } from "vitest";
import { suiteFingerprint } from "../../src/cli/suiteFingerprint";
import { runProperty } from "../../src/harness/propertyRunner";
import { loadScenarioFile } from "../../src/scenario/loadScenarios";

const scenario = loadScenarioFile("test/fixtures/cli/quick-hold.yaml");
const sweep = (fastCheckSeed: number) => runProperty(scenario, { runs: 4, fastCheckSeed, wallClockMs: () => 0 });

describe("the fingerprint of a scenario's runs", () => {
  it("is the same for the same seed and differs for another, though every run passed", async () => {
    const [first, again, other] = [await sweep(1), await sweep(1), await sweep(2)];
    expect(first.verdict).toBe("pass");
    expect(other.verdict).toBe("pass");
    expect(first.runsFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(again.runsFingerprint).toBe(first.runsFingerprint);
    expect(other.runsFingerprint).not.toBe(first.runsFingerprint);
  });

  it("feeds the suite fingerprint: a passing sweep whose runs differ does not reproduce", async () => {
    const result = await sweep(1);
    const changed = { ...result, runsFingerprint: "0".repeat(16) };
    expect(suiteFingerprint([result])).toBe(suiteFingerprint([{ ...result }]));
    expect(suiteFingerprint([changed])).not.toBe(suiteFingerprint([result]));
  });
});
