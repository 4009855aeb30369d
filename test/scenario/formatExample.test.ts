/** The full example of scenario-format.md, and a minimal file that leans on every default. */
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CHECK_NAMES } from "../../src/checkers/violation";
import { DEFAULT_BROKER_CONFIG } from "../../src/config/brokerConfig";
import { DEFAULT_CONSUMER_CONFIG } from "../../src/config/consumerConfig";
import { DEFAULT_PRODUCER_CONFIG } from "../../src/config/producerConfig";
import { loadScenarioFile, parseScenario } from "../../src/scenario";

const EXAMPLE = "test/fixtures/scenarios/format-example.yaml";

describe("the example of scenario-format.md", () => {
  const scenario = loadScenarioFile(EXAMPLE);

  it("reads name, description, cluster and topics, with configs made effective", () => {
    expect(scenario.name).toBe("acks-all-min-isr-2");
    expect(scenario.description).toBe("at-least-once recipe survives a minority of crashes and partitions");
    expect(scenario.cluster).toEqual({
      brokers: 3,
      broker: { ...DEFAULT_BROKER_CONFIG, minInsyncReplicas: 2, replicaLagTimeMaxMs: 10000 },
    });
    expect(scenario.topics).toHaveLength(1);
    expect(scenario.topics[0]).toMatchObject({ name: "orders", partitions: 3, replicationFactor: 3 });
    // The topic inherits the broker-wide min.insync.replicas.
    expect(scenario.topics[0]?.config.minInsyncReplicas).toBe(2);
    expect(scenario.network).toEqual({ latencyMs: { min: 1, max: 10 }, loss: 0, duplicate: 0 });
  });

  it("reads the clients", () => {
    expect(scenario.producers).toEqual([
      {
        id: "p1",
        instances: 2,
        config: DEFAULT_PRODUCER_CONFIG,
        workload: { topic: "orders", messages: 300, ratePerSec: 200, keys: 16 },
      },
    ]);
    expect(scenario.consumers).toEqual([
      {
        group: "billing",
        instances: 2,
        topics: ["orders"],
        strategy: "process-then-commit",
        processingMs: 2,
        config: { ...DEFAULT_CONSUMER_CONFIG, enableAutoCommit: false, autoOffsetReset: "earliest" },
      },
    ]);
  });

  it("reads the fault schedule in order, defaults filled in", () => {
    expect(scenario.faults.schedule).toEqual([
      { at: 2000, kind: "crash", node: "broker-1", mode: "kill" },
      { at: 2500, kind: "restart", node: "broker-1" },
      { at: 3000, kind: "partition", groups: [["broker-0"], ["broker-1", "broker-2", "controller"]] },
      { at: 3000, kind: "partition-oneway", from: "broker-2", to: "broker-0" },
      { at: 6000, kind: "heal" },
      { at: 7000, kind: "pause", node: "consumer-billing-0", durationMs: 15000 },
      { at: 8000, kind: "link", from: "producer-p1-0", to: "broker-0", loss: 0.3, durationMs: 2000 },
    ]);
    expect(scenario.faults.generate).toEqual({
      count: { min: 0, max: 10 },
      kinds: ["crash", "restart", "power-loss", "partition", "partition-oneway", "pause", "link", "heal"],
      targets: ["brokers", "controller", "producers", "consumers"],
      windowMs: { from: 500, to: 20000 },
    });
  });

  it("reads phases, checks, expectation and runs", () => {
    expect(scenario.phases).toEqual({ chaosMs: 20000, healMs: 5000, drainMs: 30000 });
    expect(scenario.checks).toEqual([
      "lost-write",
      "duplicate",
      "nonmonotonic-send",
      "nonmonotonic-poll",
      "poll-skip",
      "inconsistent-offsets",
      "committed-lost",
      "log-divergence",
      "hw-regression",
      "single-leader",
      "liveness",
    ]);
    expect(scenario.expect).toEqual({ kind: "hold" });
    expect(scenario.runs).toBe(200);
  });

  it("keeps its source and a sha256 of it", () => {
    const text = readFileSync(EXAMPLE, "utf8");
    expect(scenario.sourcePath).toBe(EXAMPLE);
    expect(scenario.sourceText).toBe(text);
    expect(scenario.contentHash).toBe(createHash("sha256").update(text).digest("hex"));
    expect(scenario.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("defaults where the format is silent", () => {
  const minimal = `name: minimal
topics: [{ name: t }]
producers: [{ id: p, workload: { topic: t, messages: 5 } }]
consumers: [{ group: g, topics: [t] }]
`;
  const scenario = parseScenario(minimal, "minimal.yaml");

  it("fills cluster, topic, network, phases, checks, expectation and runs", () => {
    expect(scenario.description).toBe("");
    expect(scenario.cluster).toEqual({ brokers: 3, broker: DEFAULT_BROKER_CONFIG });
    // num.partitions and default.replication.factor, as Kafka would.
    expect(scenario.topics[0]).toMatchObject({ partitions: 1, replicationFactor: 1 });
    expect(scenario.network).toEqual({ latencyMs: { min: 1, max: 10 }, loss: 0, duplicate: 0 });
    expect(scenario.faults).toEqual({ schedule: [] });
    expect(scenario.phases).toEqual({ chaosMs: 20000, healMs: 5000, drainMs: 30000 });
    expect(scenario.checks).toEqual([...CHECK_NAMES]);
    expect(scenario.expect).toEqual({ kind: "hold" });
    expect(scenario.runs).toBe(100);
    expect(scenario.swarm).toBeUndefined();
  });

  it("fills clients: one instance, 100 msgs/s, no keys, process-then-commit taking 1 ms without auto-commit", () => {
    expect(scenario.producers[0]).toEqual({
      id: "p",
      instances: 1,
      config: DEFAULT_PRODUCER_CONFIG,
      workload: { topic: "t", messages: 5, ratePerSec: 100, keys: 0 },
    });
    expect(scenario.consumers[0]).toMatchObject({
      instances: 1,
      strategy: "process-then-commit",
      processingMs: 1,
    });
    expect(scenario.consumers[0]?.config.enableAutoCommit).toBe(false);
  });

  it("lets enable.auto.commit follow the strategy unless the file sets it", () => {
    const autoCommit = parseScenario(
      minimal.replace("topics: [t] }", "topics: [t], strategy: auto-commit }"),
      "m.yaml",
    );
    expect(autoCommit.consumers[0]?.config.enableAutoCommit).toBe(true);
    const explicit = parseScenario(
      minimal.replace("topics: [t] }", "topics: [t], config: { enable.auto.commit: true } }"),
      "m.yaml",
    );
    expect(explicit.consumers[0]?.config.enableAutoCommit).toBe(true);
  });

  it("reads an empty section (YAML null) as absent", () => {
    const empty = parseScenario(`${minimal}faults:\n  schedule:\nphases:\n`, "e.yaml");
    expect(empty.faults).toEqual({ schedule: [] });
    expect(empty.phases).toEqual(scenario.phases);
  });

  it("gives a generator the whole chaos phase and every kind of node there is", () => {
    const generated = parseScenario(
      `${minimal.replace("consumers: [{ group: g, topics: [t] }]\n", "")}faults: { generate: {} }\n`,
      "g.yaml",
    );
    expect(generated.faults.generate).toEqual({
      count: { min: 0, max: 10 },
      kinds: ["crash", "restart", "partition", "partition-oneway", "heal", "pause", "link", "power-loss"],
      targets: ["brokers", "controller", "producers"],
      windowMs: { from: 0, to: 20000 },
    });
  });
});
