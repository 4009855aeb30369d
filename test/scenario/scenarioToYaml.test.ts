import { describe, expect, it } from "vitest";
import { loadScenarioFile, parseScenario, scenarioToYaml, type Scenario } from "../../src/scenario";

/** Everything but where the text came from. */
function content(scenario: Scenario): Omit<Scenario, "sourcePath" | "sourceText" | "contentHash"> {
  const { sourcePath: _path, sourceText: _text, contentHash: _hash, ...rest } = scenario;
  return rest;
}

function roundTrip(scenario: Scenario, overrides = {}): Scenario {
  return parseScenario(scenarioToYaml(scenario, overrides), "exported.yaml");
}

describe("scenarioToYaml", () => {
  it("round-trips the format's full example", () => {
    const scenario = loadScenarioFile("test/fixtures/scenarios/format-example.yaml");
    expect(content(roundTrip(scenario))).toEqual(content(scenario));
  });

  it("round-trips effective configs that differ from what the file would get by default", () => {
    const text = `name: effective
cluster:
  brokers: 2
  broker: { min.insync.replicas: 2, unclean.leader.election.enable: true, flush.messages: 1, replication.truncation: high-watermark }
topics:
  - { name: a, partitions: 2, replicationFactor: 2, config: { unclean.leader.election.enable: false, flush.messages: 1 } }
  - { name: b, replicationFactor: 2, config: { min.insync.replicas: 1, retention.ms: -1 } }
network: { latencyMs: { min: 0, max: 3 }, loss: 0.01, duplicate: 0.02 }
producers:
  - { id: quiet, instances: 3, config: { acks: 1, request.timeout.ms: 200000 }, workload: { topic: a, messages: 7, ratePerSec: 2.5, keys: 3 } }
consumers:
  - { group: manual-auto, topics: [a, b], config: { enable.auto.commit: true, session.timeout.ms: 10000 } }
  - { group: auto, topics: [b], strategy: auto-commit, processingMs: 0, config: { partition.assignment.strategy: roundrobin } }
faults:
  schedule:
    - { at: 10, kind: crash, node: broker-0, mode: power-loss }
    - { at: 20, kind: link, from: consumer-auto-0, to: controller, latencyMs: { min: 5, max: 50 }, durationMs: 100 }
phases: { chaosMs: 1000, healMs: 10, drainMs: 10 }
checks: [lost-write:sink, duplicate:log, liveness]
expect: { violate: [lost-write:sink] }
runs: 3
swarm:
  producers[0].config.linger.ms: [0, 50]
`;
    const scenario = parseScenario(text, "effective.yaml");
    // Kafka's silent adjustments are part of the effective config.
    expect(scenario.producers[0]?.config).toMatchObject({
      enableIdempotence: false,
      deliveryTimeoutMs: 200005,
    });
    expect(content(roundTrip(scenario))).toEqual(content(scenario));
  });

  it("exports a counterexample: schedule replaced, generator and swarm removed, a header comment on top", () => {
    const scenario = loadScenarioFile("test/fixtures/scenarios/format-example.yaml");
    const schedule = [{ at: 1200, kind: "crash", node: "broker-2", mode: "power-loss" }] as const;
    const yaml = scenarioToYaml(scenario, {
      name: "acks-all-min-isr-2-seed-42",
      schedule,
      generate: null,
      header: "shrunk counterexample\nksim replay --seed 42",
    });
    expect(yaml.startsWith("# shrunk counterexample\n# ksim replay --seed 42\n")).toBe(true);
    expect(yaml).toContain("    - { at: 1200, kind: crash, node: broker-2, mode: power-loss }\n");
    const exported = parseScenario(yaml, "regression.yaml");
    expect(exported.name).toBe("acks-all-min-isr-2-seed-42");
    expect(exported.faults).toEqual({ schedule });
    expect(content({ ...exported, name: scenario.name, faults: scenario.faults })).toEqual(content(scenario));
  });

  it("writes configs under Kafka's names and only where they differ", () => {
    const yaml = scenarioToYaml(loadScenarioFile("test/fixtures/scenarios/format-example.yaml"));
    expect(yaml).toContain("  broker: { min.insync.replicas: 2, replica.lag.time.max.ms: 10000 }\n");
    expect(yaml).toContain("    config: { auto.offset.reset: earliest }\n");
    expect(yaml).not.toContain("enable.idempotence");
  });
});
