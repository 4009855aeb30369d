/**
 * A scenario in which no run executed tested nothing: whatever the cause, its verdict must not be
 * a pass. Validation rejects the known cause (a swarm whose every combination conflicts); this
 * checks the runner's own guard, with a swarm put in place after validation.
 */
import { describe, expect, it } from "vitest";
import { runProperty } from "../../src/harness/propertyRunner";
import { parseScenario } from "../../src/scenario";

const TEXT = `name: no-runs
topics: [{ name: t, partitions: 1, replicationFactor: 1 }]
cluster: { brokers: 1, broker: { min.insync.replicas: 1 } }
producers:
  - id: p1
    workload: { topic: t, messages: 5 }
swarm:
  producers[0].config.acks: ["1", all]
  producers[0].config.enable.idempotence: [true]
`;

describe("runProperty", () => {
  it("reports an error, never a pass, when every run was discarded", async () => {
    const valid = parseScenario(TEXT, "no-runs.yaml");
    const conflicting = {
      ...valid,
      swarm: { "producers[0].config.acks": ["1"], "producers[0].config.enable.idempotence": [true] },
    };
    const result = await runProperty(conflicting, { runs: 3, fastCheckSeed: 1, wallClockMs: () => 0 });
    expect(result.verdict).toBe("error");
    expect(result.runs).toBe(0);
    expect(result.error).toMatch(
      /^no run executed, so nothing was tested; every drawn swarm combination conflicted/,
    );
  });
});
