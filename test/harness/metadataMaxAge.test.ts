import { describe, expect, it } from "vitest";
import { runOnce } from "../../src/harness/runOnce";
import { parseScenario } from "../../src/scenario";

/**
 * metadata.max.age.ms: 0 is a value Kafka accepts (metadata always stale), and its clients then
 * refresh as often as retry.backoff.ms allows. A refresh timer of 0 ms would instead schedule
 * refreshes at one simulated instant without end, and the run would stop at its event bound.
 */
function scenarioWithMetadataMaxAge(maxAgeMs: number) {
  return parseScenario(
    `name: metadata-always-stale
cluster: { brokers: 3, broker: { min.insync.replicas: 2 } }
topics: [{ name: orders, partitions: 3, replicationFactor: 3 }]
producers: [{ id: p1, config: { acks: all, enable.idempotence: true, metadata.max.age.ms: ${maxAgeMs} }, workload: { topic: orders, messages: 200, ratePerSec: 50 } }]
consumers: [{ group: billing, instances: 1, topics: [orders], strategy: process-then-commit, processingMs: 2, config: { auto.offset.reset: earliest, metadata.max.age.ms: ${maxAgeMs} } }]
phases: { chaosMs: 10000, healMs: 1000, drainMs: 20000 }
checks: [lost-write, duplicate, liveness]
expect: hold
`,
    "metadata-always-stale.yaml",
  );
}

describe("metadata.max.age.ms: 0", () => {
  it("refreshes every retry.backoff.ms, and the run converges with every record read", () => {
    const result = runOnce(scenarioWithMetadataMaxAge(0), 1, []);
    expect(result.violations.map((violation) => violation.message)).toEqual([]);
    expect(result.outcome.status).toBe("stopped");
    // Two clients refreshing every 100 ms add up to 20 requests a simulated second, and their
    // answers as many, to what they send with the default of 5 minutes.
    const byDefault = runOnce(scenarioWithMetadataMaxAge(300_000), 1, []);
    const seconds = result.outcome.timeUs / 1e6;
    expect(result.network.sent - byDefault.network.sent).toBeGreaterThan(20 * seconds);
  });
});
