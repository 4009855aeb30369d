import { describe, expect, it } from "vitest";
import {
  checkScenarioText,
  formatScenarioIssue,
  parseScenario,
  parseSwarmPath,
  ScenarioError,
  withSwarmChoices,
} from "../../src/scenario";

// Lines 1-7.
const BASE = `name: swarmed
topics: [{ name: t, partitions: 2, replicationFactor: 3 }]
producers:
  - id: p1
    workload: { topic: t, messages: 10 }
consumers: [{ group: g, topics: [t] }]
swarm:
`;

function issueLines(text: string): string[] {
  return checkScenarioText(text, "s.yaml").issues.map(formatScenarioIssue);
}

describe("swarm paths", () => {
  it("treat the rest of a path inside a config block as one Kafka key", () => {
    expect(parseSwarmPath("producers[0].config.max.in.flight.requests.per.connection")).toEqual([
      "producers",
      0,
      "config",
      "max.in.flight.requests.per.connection",
    ]);
    expect(parseSwarmPath("cluster.broker.min.insync.replicas")).toEqual([
      "cluster",
      "broker",
      "min.insync.replicas",
    ]);
    expect(parseSwarmPath("network.latencyMs.max")).toEqual(["network", "latencyMs", "max"]);
    expect(parseSwarmPath("[0].x")).toBe(
      "not a path into the scenario (expected something like producers[0].config.acks or network.loss)",
    );
  });
});

describe("swarm validation", () => {
  it("accepts valid alternatives and keeps the block", () => {
    const scenario = parseScenario(
      `${BASE}  producers[0].config.acks: [all, 1]\n  network.loss: [0, 0.1]\n`,
      "s.yaml",
    );
    expect(scenario.swarm).toEqual({ "producers[0].config.acks": ["all", 1], "network.loss": [0, 0.1] });
  });

  it("validates each alternative as the scenario it would make, reporting at the alternative", () => {
    expect(
      issueLines(`${BASE}  producers[0].config.max.in.flight.requests.per.connection: [1, 6]\n`),
    ).toEqual([
      's.yaml:8:66: swarm["producers[0].config.max.in.flight.requests.per.connection"][1]: with 6: ' +
        "producers[0].config.max.in.flight.requests.per.connection: To use the idempotent producer, " +
        "max.in.flight.requests.per.connection must be set to at most 5. Current value is 6. " +
        "(enable.idempotence defaults to true; set it to false to allow more)",
    ]);
  });

  it("catches cross-field breakage an alternative causes", () => {
    expect(issueLines(`${BASE}  cluster.brokers: [3, 2]\n`)).toEqual([
      's.yaml:8:24: swarm["cluster.brokers"][1]: with 2: topics[0].replicationFactor: replicationFactor 3 is more than ' +
        "the 2 brokers (cluster.brokers); Kafka rejects the topic with INVALID_REPLICATION_FACTOR",
    ]);
  });

  it("rejects a path that leads nowhere", () => {
    expect(issueLines(`${BASE}  producers[2].config.acks: [1]\n  network.los: [0.1]\n`)).toEqual([
      's.yaml:8:30: swarm["producers[2].config.acks"][0]: no producers[2] (producers has 1 item)',
      's.yaml:9:17: swarm["network.los"][0]: with 0.1: network.los: unknown key "los" (did you mean "loss"?)',
    ]);
  });

  it("rejects a swarm over what belongs to the whole scenario, which a run would silently ignore", () => {
    const sections = "cluster, topics, network, producers, consumers, faults, phases";
    expect(issueLines(`${BASE}  expect: [{ violate: [lost-write] }]\n  runs: [1, 5]\n`)).toEqual([
      `s.yaml:8:3: swarm["expect"]: a swarm may vary only ${sections}; expect belongs to the whole scenario, not to one run`,
      `s.yaml:9:3: swarm["runs"]: a swarm may vary only ${sections}; runs belongs to the whole scenario, not to one run`,
    ]);
  });

  it("rejects a swarm whose every combination conflicts, since no run could execute", () => {
    expect(
      issueLines(
        `${BASE}  producers[0].config.acks: ["1", "0"]\n  producers[0].config.enable.idempotence: [true]\n`,
      ),
    ).toEqual([
      's.yaml:8:3: swarm["producers[0].config.acks"]: no combination of the swarm\'s alternatives makes a valid ' +
        'scenario, so no run could execute (all 2 conflict; e.g. with producers[0].config.acks = "1", ' +
        "producers[0].config.enable.idempotence = true: producers[0].config.acks: Must set acks to all in order " +
        "to use the idempotent producer. Otherwise we cannot guarantee idempotence. (enable.idempotence is set to true))",
    ]);
  });

  it("accepts a swarm where some combinations conflict: those runs are discarded", () => {
    const text = `${BASE}  producers[0].config.acks: ["1", all]\n  producers[0].config.enable.idempotence: [true]\n`;
    expect(issueLines(text)).toEqual([]);
  });
});

describe("withSwarmChoices", () => {
  const scenario = parseScenario(
    `${BASE}  producers[0].config.acks: [all, 1]\n  producers[0].config.enable.idempotence: [true, false]\n`,
    "s.yaml",
  );

  it("gives the scenario with the chosen alternatives, reading unset keys as unset", () => {
    const picked = withSwarmChoices(scenario, { "producers[0].config.acks": 1 });
    // enable.idempotence stays unset, so acks=1 switches it off rather than failing.
    expect(picked.producers[0]?.config).toMatchObject({ acks: "1", enableIdempotence: false });
    expect(picked.swarm).toBeUndefined();
    expect(picked.swarmChoices).toEqual({ "producers[0].config.acks": 1 });
    expect(picked.contentHash).toBe(scenario.contentHash);
  });

  it("throws when a combination conflicts, though each alternative alone was valid", () => {
    const conflicting = { "producers[0].config.acks": 1, "producers[0].config.enable.idempotence": true };
    expect(() => withSwarmChoices(scenario, conflicting)).toThrow(ScenarioError);
    expect(() => withSwarmChoices(scenario, conflicting)).toThrow(
      's.yaml:8:3: swarm["producers[0].config.acks"]: with {"producers[0].config.acks":1,"producers[0].config.enable.idempotence":true}: ' +
        "producers[0].config.acks: Must set acks to all in order to use the idempotent producer. " +
        "Otherwise we cannot guarantee idempotence. (enable.idempotence is set to true)",
    );
  });

  it("refuses a key the scenario does not swarm over", () => {
    expect(() => withSwarmChoices(scenario, { "network.loss": 0.5 })).toThrow(
      's.yaml:8:3: swarm["network.loss"]: "network.loss" is not a swarm key of this scenario',
    );
  });
});
