import { describe, expect, it } from "vitest";
import { runOnce } from "../../src/harness/runOnce";
import { parseScenario } from "../../src/scenario";

/**
 * Kafka's default auto.offset.reset=latest, no faults: the group joins after every record was
 * written, so it starts at the log end with nothing to process. That is a group at the end, and
 * the records before its start were never its to process.
 */
const SCENARIO = parseScenario(
  `name: latest-reset
cluster: { brokers: 3, broker: { min.insync.replicas: 2 } }
topics: [{ name: orders, partitions: 3, replicationFactor: 3 }]
producers: [{ id: p1, config: { acks: all, enable.idempotence: true }, workload: { topic: orders, messages: 200, ratePerSec: 50 } }]
consumers: [{ group: billing, instances: 2, topics: [orders], strategy: process-then-commit, processingMs: 2 }]
phases: { chaosMs: 10000, healMs: 1000, drainMs: 20000 }
checks: [lost-write, liveness]
expect: hold
`,
  "latest-reset.yaml",
);

describe("a group started by auto.offset.reset=latest", () => {
  it("is neither a liveness failure nor a lost write", () => {
    const result = runOnce(SCENARIO, 1, []);
    expect(result.violations.map((violation) => violation.message)).toEqual([]);
  });
});
