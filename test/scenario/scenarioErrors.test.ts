/**
 * Each malformed file gets exactly one line, `file:line:column: path: message`, pointing at the
 * place a person should fix. The base file below is valid; each case appends or swaps a line.
 */
import { describe, expect, it } from "vitest";
import { parseScenario, ScenarioError } from "../../src/scenario";

const FILE = "scenarios/x.yaml";

// Lines 1-11.
const BASE = `name: base
cluster:
  brokers: 3
topics:
  - name: orders
    partitions: 3
    replicationFactor: 3
producers:
  - id: p1
    config: { acks: all }
    workload: { topic: orders, messages: 10 }
`;

function errorLines(text: string): string[] {
  try {
    parseScenario(text, FILE);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split("\n");
    throw error;
  }
  throw new Error("expected the scenario to be rejected");
}

describe("scenario errors", () => {
  it("accepts the base file", () => {
    expect(parseScenario(BASE, FILE).name).toBe("base");
  });

  it("reports bad YAML syntax at its line and column", () => {
    expect(errorLines(`${BASE}checks: [lost-write\nruns: 3\n`)).toEqual([
      "scenarios/x.yaml:13:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("reports an unknown top-level key with a did-you-mean", () => {
    expect(errorLines(`${BASE}fualts: {}\n`)).toEqual([
      'scenarios/x.yaml:12:1: fualts: unknown key "fualts" (did you mean "faults"?)',
    ]);
  });

  it("lists the allowed keys when an unknown key resembles none", () => {
    expect(errorLines(`${BASE}network: { jitter: 3 }\n`)).toEqual([
      'scenarios/x.yaml:12:12: network.jitter: unknown key "jitter" (allowed: latencyMs, loss, duplicate)',
    ]);
  });

  it("reports an unknown config key with a did-you-mean, at the key", () => {
    const text = BASE.replace("{ acks: all }", "{ acks: all, enable.idempotance: true }");
    expect(errorLines(text)).toEqual([
      'scenarios/x.yaml:10:26: producers[0].config.enable.idempotance: unknown producer config "enable.idempotance" (did you mean "enable.idempotence"?)',
    ]);
  });

  it("reports a wrong type with what is allowed", () => {
    expect(errorLines(BASE.replace("partitions: 3", "partitions: three"))).toEqual([
      'scenarios/x.yaml:6:17: topics[0].partitions: expected an integer, got "three"',
    ]);
  });

  it("reports a missing required field at the mapping that lacks it", () => {
    expect(errorLines(BASE.replace("    workload: { topic: orders, messages: 10 }\n", ""))).toEqual([
      "scenarios/x.yaml:9:5: producers[0].workload: is required (a mapping)",
    ]);
  });

  it("rejects a replication factor above the broker count", () => {
    expect(errorLines(BASE.replace("brokers: 3", "brokers: 2"))).toEqual([
      "scenarios/x.yaml:7:24: topics[0].replicationFactor: replicationFactor 3 is more than the 2 brokers (cluster.brokers); " +
        "Kafka rejects the topic with INVALID_REPLICATION_FACTOR",
    ]);
  });

  it("rejects topic names Kafka rejects: . and .., its internal topics, and names that collide", () => {
    const renamed = (name: string) =>
      BASE.replace("name: orders", `name: "${name}"`).replace("topic: orders", `topic: "${name}"`);
    expect(errorLines(renamed("."))).toEqual([
      'scenarios/x.yaml:5:11: topics[0].name: topic name cannot be "." or ".." (Kafka\'s InvalidTopicException)',
    ]);
    expect(errorLines(renamed("__consumer_offsets"))).toEqual([
      'scenarios/x.yaml:5:11: topics[0].name: "__consumer_offsets" is one of Kafka\'s internal topics, ' +
        "which the brokers create and own; choose another name",
    ]);
    const colliding = BASE.replace("name: orders", "name: my.orders").replace(
      "topic: orders",
      "topic: my.orders",
    );
    expect(errorLines(`${colliding.replace("topics:\n", "topics:\n  - { name: my_orders }\n")}`)).toEqual([
      'scenarios/x.yaml:6:11: topics[1].name: topic "my.orders" collides with topic "my_orders": ' +
        "Kafka treats '.' and '_' alike in metric names and rejects the second (InvalidTopicException)",
    ]);
  });

  it("holds partition counts from broker config to the same bound as a topic's own (no out-of-memory)", () => {
    const withBroker = (entry: string) =>
      BASE.replace("  brokers: 3\n", `  brokers: 3\n  broker: { ${entry} }\n`).replace(
        "    partitions: 3\n",
        "",
      );
    expect(errorLines(withBroker("num.partitions: 2000000000"))).toEqual([
      "scenarios/x.yaml:4:29: cluster.broker.num.partitions: expected an integer from 1 to 1024, got 2000000000",
    ]);
    expect(errorLines(withBroker("offsets.topic.num.partitions: 2000000000"))).toEqual([
      "scenarios/x.yaml:4:43: cluster.broker.offsets.topic.num.partitions: expected an integer from 1 to 1024, got 2000000000",
    ]);
  });

  it("rejects min.insync.replicas above the replication factor, at the topic override", () => {
    const text = BASE.replace(
      "    replicationFactor: 3\n",
      "    replicationFactor: 2\n    config: { min.insync.replicas: 3 }\n",
    );
    expect(errorLines(text)).toEqual([
      `scenarios/x.yaml:8:36: topics[0].config.min.insync.replicas: min.insync.replicas 3 is more than topic "orders"'s ` +
        "replicationFactor 2; every acks=all produce would fail with NOT_ENOUGH_REPLICAS",
    ]);
  });

  it("rejects a broker-wide min.insync.replicas above a topic's replication factor, at the broker key", () => {
    const text = BASE.replace(
      "  brokers: 3\n",
      "  brokers: 3\n  broker: { min.insync.replicas: 3 }\n",
    ).replace("replicationFactor: 3", "replicationFactor: 2");
    expect(errorLines(text)).toEqual([
      `scenarios/x.yaml:4:34: cluster.broker.min.insync.replicas: min.insync.replicas 3 is more than topic "orders"'s ` +
        "replicationFactor 2; every acks=all produce would fail with NOT_ENOUGH_REPLICAS",
    ]);
  });

  it("rejects an unknown node in a fault, naming the brokers that exist", () => {
    expect(
      errorLines(`${BASE}faults:\n  schedule:\n    - { at: 100, kind: crash, node: broker-7 }\n`),
    ).toEqual([
      'scenarios/x.yaml:14:37: faults.schedule[0].node: unknown node "broker-7" (brokers are broker-0..broker-2)',
    ]);
  });

  it("rejects an unknown client node, naming the instances that exist", () => {
    expect(
      errorLines(
        `${BASE}faults:\n  schedule:\n    - { at: 100, kind: pause, node: producer-p1-1, durationMs: 5 }\n`,
      ),
    ).toEqual([
      'scenarios/x.yaml:14:37: faults.schedule[0].node: unknown node "producer-p1-1" (producers are producer-p1-0)',
    ]);
  });

  it("rejects overlapping partition groups at the repeated node", () => {
    const fault =
      "    - { at: 100, kind: partition, groups: [[broker-0, broker-1], [broker-1, broker-2]] }\n";
    expect(errorLines(`${BASE}faults:\n  schedule:\n${fault}`)).toEqual([
      "scenarios/x.yaml:14:67: faults.schedule[0].groups[1][0]: broker-1 is in groups 0 and 1; partition groups must be disjoint",
    ]);
  });

  it("rejects explicit idempotence with acks=1, with Kafka's ConfigException message", () => {
    expect(errorLines(BASE.replace("{ acks: all }", "{ acks: 1, enable.idempotence: true }"))).toEqual([
      "scenarios/x.yaml:10:21: producers[0].config.acks: Must set acks to all in order to use the idempotent producer. " +
        "Otherwise we cannot guarantee idempotence. (enable.idempotence is set to true)",
    ]);
  });

  it("accepts acks=1 without idempotence set, disabling idempotence as Kafka does", () => {
    const scenario = parseScenario(BASE.replace("{ acks: all }", "{ acks: 1 }"), FILE);
    expect(scenario.producers[0]?.config).toMatchObject({ acks: "1", enableIdempotence: false });
  });

  it("rejects an unknown check name with a did-you-mean", () => {
    expect(errorLines(`${BASE}checks: [lost-write, duplicat]\n`)).toEqual([
      "scenarios/x.yaml:12:22: checks[1]: expected one of lost-write | unseen | duplicate | inconsistent-offsets | " +
        "nonmonotonic-send | nonmonotonic-poll | poll-skip | lost-commit | g1a | committed-lost | log-divergence | " +
        "hw-regression | single-leader | epoch-regression | isr-completeness | liveness | lost-write:log | " +
        'lost-write:sink | duplicate:log | duplicate:sink, got "duplicat" (did you mean "duplicate"?)',
    ]);
  });

  it("rejects an unknown fault kind with a did-you-mean", () => {
    expect(
      errorLines(`${BASE}faults:\n  schedule:\n    - { at: 100, kind: crsh, node: broker-1 }\n`),
    ).toEqual([
      "scenarios/x.yaml:14:24: faults.schedule[0].kind: expected one of crash | restart | partition | partition-oneway | " +
        'heal | pause | link, got "crsh" (did you mean "crash"?)',
    ]);
  });

  it("rejects a fault after the chaos phase", () => {
    expect(
      errorLines(`${BASE}phases: { chaosMs: 1000 }\nfaults:\n  schedule:\n    - { at: 1000, kind: heal }\n`),
    ).toEqual([
      "scenarios/x.yaml:15:13: faults.schedule[0].at: at 1000 is outside the chaos phase [0, 1000) (phases.chaosMs)",
    ]);
  });

  it("bounds each phase at one simulated hour, instead of a run that never ends", () => {
    expect(errorLines(`${BASE}phases: { chaosMs: 9007199254740991, drainMs: 3600001 }\n`)).toEqual([
      "scenarios/x.yaml:12:20: phases.chaosMs: must be ≤ 3600000, got 9007199254740991",
      "scenarios/x.yaml:12:47: phases.drainMs: must be ≤ 3600000, got 3600001",
    ]);
  });

  it("rejects a schedule out of time order", () => {
    const schedule = "    - { at: 500, kind: heal }\n    - { at: 400, kind: heal }\n";
    expect(errorLines(`${BASE}faults:\n  schedule:\n${schedule}`)).toEqual([
      "scenarios/x.yaml:15:13: faults.schedule[1].at: at 400 is earlier than the fault before it (faults.schedule[0] at 500); " +
        "list the schedule in time order",
    ]);
  });

  it("rejects a restart of a node that is not down", () => {
    expect(
      errorLines(`${BASE}faults:\n  schedule:\n    - { at: 100, kind: restart, node: broker-0 }\n`),
    ).toEqual([
      "scenarios/x.yaml:14:39: faults.schedule[0].node: broker-0 is not down at 100; a restart needs an earlier crash of it in the schedule",
    ]);
  });

  it("rejects a crash of a node that is down, but lets a killed node's machine lose power", () => {
    const crash = (at: number, mode: string) => `    - { at: ${at}, kind: crash, node: broker-0, mode: ${mode} }\n`;
    expect(errorLines(`${BASE}faults:\n  schedule:\n${crash(100, "kill")}${crash(200, "kill")}`)).toEqual([
      "scenarios/x.yaml:15:37: faults.schedule[1].node: broker-0 is already down at 200 (crashed by faults.schedule[0])",
    ]);
    const powerOffAfterKill = parseScenario(`${BASE}faults:\n  schedule:\n${crash(100, "kill")}${crash(200, "power-loss")}`, FILE);
    expect(powerOffAfterKill.faults.schedule).toHaveLength(2);
    expect(errorLines(`${BASE}faults:\n  schedule:\n${crash(100, "power-loss")}${crash(200, "power-loss")}`)).toHaveLength(1);
  });

  it("rejects a link fault that changes nothing", () => {
    expect(
      errorLines(
        `${BASE}faults:\n  schedule:\n    - { at: 1, kind: link, from: controller, to: broker-0, durationMs: 5 }\n`,
      ),
    ).toEqual([
      "scenarios/x.yaml:14:7: faults.schedule[0]: a link fault needs at least one of loss, latencyMs, duplicate",
    ]);
  });

  it("rejects a workload on a topic that does not exist", () => {
    expect(errorLines(BASE.replace("topic: orders", "topic: ordres"))).toEqual([
      'scenarios/x.yaml:11:24: producers[0].workload.topic: unknown topic "ordres" (did you mean "orders"?)',
    ]);
  });

  it("rejects duplicate producer ids", () => {
    expect(errorLines(`${BASE}  - id: p1\n    workload: { topic: orders, messages: 1 }\n`)).toEqual([
      'scenarios/x.yaml:12:9: producers[1].id: producer id "p1" is already defined at producers[0].id',
    ]);
  });

  it("rejects an expectation naming a check the scenario does not assert", () => {
    expect(errorLines(`${BASE}checks: [duplicate]\nexpect: { violate: [lost-write] }\n`)).toEqual([
      'scenarios/x.yaml:13:21: expect.violate[0]: "lost-write" is not among the scenario\'s checks (duplicate); add it to checks',
    ]);
  });

  it("rejects sink checks and expectations in a scenario with no consumers, which would judge nothing", () => {
    expect(errorLines(`${BASE}checks: [duplicate:sink]\nexpect: { violate: [duplicate:sink] }\n`)).toEqual([
      "scenarios/x.yaml:12:10: checks[0]: duplicate:sink judges what consumer groups processed, and the scenario " +
        "has no consumers; add a consumers: entry, or check the log (duplicate:log)",
      "scenarios/x.yaml:13:21: expect.violate[0]: duplicate:sink judges what consumer groups processed, and the " +
        "scenario has no consumers; add a consumers: entry, or check the log (duplicate:log)",
    ]);
  });

  it("rejects expecting lost-commit with no consumers (no run could find it); a default lost-commit check is harmless", () => {
    expect(errorLines(`${BASE}checks: [lost-commit]\nexpect: { violate: [lost-commit] }\n`)).toEqual([
      "scenarios/x.yaml:13:21: expect.violate[0]: lost-commit judges the offsets consumer groups commit, and the " +
        "scenario has no consumers; add a consumers: entry",
    ]);
  });

  it("rejects a generator window that ends before it starts", () => {
    expect(errorLines(`${BASE}faults:\n  generate: { windowMs: { from: 500, to: 500 } }\n`)).toEqual([
      "scenarios/x.yaml:13:42: faults.generate.windowMs.to: to 500 must be after from 500",
    ]);
  });

  it("rejects a generator with no chaos phase at phases.chaosMs, not at a window the file does not write", () => {
    expect(errorLines(`${BASE}faults:\n  generate: {}\nphases: { chaosMs: 0 }\n`)).toEqual([
      "scenarios/x.yaml:14:20: phases.chaosMs: chaosMs 0 leaves no chaos phase for faults.generate to draw faults in; " +
        "make it longer or remove faults.generate",
    ]);
  });

  it("rejects a generator aimed at clients the scenario does not have", () => {
    expect(errorLines(`${BASE}faults:\n  generate: { targets: [brokers, consumers] }\n`)).toEqual([
      "scenarios/x.yaml:13:34: faults.generate.targets[1]: the scenario has no consumers to target",
    ]);
  });

  it("rejects a generator kind it can never draw, instead of silently drawing nothing", () => {
    expect(errorLines(`${BASE}faults:\n  generate: { kinds: [partition], targets: [controller] }\n`)).toEqual(
      [
        "scenarios/x.yaml:13:23: faults.generate.kinds[0]: partition needs two nodes, and the targets name only 1 " +
          "(controller); add targets or remove partition",
      ],
    );
    expect(errorLines(`${BASE}faults:\n  generate: { kinds: [restart, heal] }\n`)).toEqual([
      "scenarios/x.yaml:13:23: faults.generate.kinds[0]: restart restarts a crashed node, and nothing leaves one " +
        "down; add crash or power-loss to kinds",
      "scenarios/x.yaml:13:32: faults.generate.kinds[1]: heal undoes partitions, and nothing makes one; add " +
        "partition or partition-oneway to kinds",
    ]);
  });

  it("accepts a generated restart or heal that undoes a scheduled crash or partition", () => {
    const schedule =
      "faults:\n  schedule:\n    - { at: 100, kind: crash, node: broker-1 }\n" +
      "    - { at: 200, kind: partition, groups: [[broker-0], [broker-2]] }\n  generate: { kinds: [restart, heal] }\n";
    expect(parseScenario(`${BASE}${schedule}`, FILE).faults.generate?.kinds).toEqual(["restart", "heal"]);
  });

  it("bounds the partition replicas of the whole cluster, not only each topic's partitions", () => {
    const topics = Array.from({ length: 5 }, (_, i) => `  - { name: t${i}, partitions: 1024, replicationFactor: 3 }`).join("\n");
    const text = BASE.replace("topics:\n", `topics:\n${topics}\n`);
    expect(errorLines(text)).toEqual([
      `${FILE}:5:3: topics: the topics make 15369 partition replicas, more than the 12288 one simulation holds; use fewer topics or partitions, or a lower replicationFactor`,
    ]);
    const fewer = BASE.replace("topics:\n", `topics:\n${topics.split("\n").slice(0, 3).join("\n")}\n`);
    expect(parseScenario(fewer, FILE).topics).toHaveLength(4);
  });

  it("rejects retention that could delete records before the run ends: they would read as lost writes", () => {
    const withRetention = (config: string): string =>
      BASE.replace("    replicationFactor: 3\n", `    replicationFactor: 3\n    config: { ${config} }\n`);
    expect(errorLines(withRetention("retention.ms: 50000, retention.bytes: 1048576"))).toEqual([
      `${FILE}:8:29: topics[0].config.retention.ms: retention.ms 50000 could delete records before the run ends ` +
        `(chaosMs + healMs + drainMs = 55000 ms), and the checkers would take every deleted record for a lost write; use at least 55000, or -1`,
      `${FILE}:8:53: topics[0].config.retention.bytes: retention.bytes 1048576 could delete records during the run, ` +
        `and the checkers would take every deleted record for a lost write; use -1 (no size limit)`,
    ]);
    expect(parseScenario(withRetention("retention.ms: 55000"), FILE).topics[0]!.config.retentionMs).toBe(55000);
    expect(parseScenario(withRetention("retention.ms: -1"), FILE).topics[0]!.config.retentionMs).toBe(-1);
  });

  it("rejects an empty file", () => {
    expect(errorLines("")).toEqual([
      "scenarios/x.yaml:1:1: the file is empty; a scenario needs at least a name and topics",
    ]);
  });

  it("collects every problem, in file order", () => {
    const text =
      BASE.replace("brokers: 3", "brokers: 0").replace("messages: 10", "messages: -1") +
      "consumers:\n  - group: g\n    topics: [orders]\n    config: { heartbeat.interval.ms: 50000, isolation.level: read_committed }\n";
    expect(errorLines(text)).toEqual([
      "scenarios/x.yaml:3:12: cluster.brokers: must be ≥ 1, got 0",
      "scenarios/x.yaml:11:42: producers[0].workload.messages: must be ≥ 1, got -1",
      "scenarios/x.yaml:15:38: consumers[0].config.heartbeat.interval.ms: Heartbeat must be set lower than the session timeout " +
        "(heartbeat.interval.ms 50000 ≥ session.timeout.ms 45000)",
      "scenarios/x.yaml:15:62: consumers[0].config.isolation.level: read_committed arrives with transactions; " +
        "ksim reads read_uncommitted only for now (allowed: read_uncommitted)",
    ]);
  });

  it("carries exit code 2 and every issue as data", () => {
    try {
      parseScenario(`${BASE}fualts: {}\nrunz: 3\n`, FILE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const scenarioError = error as ScenarioError;
      expect(scenarioError.exitCode).toBe(2);
      expect(scenarioError.issues).toEqual([
        {
          file: FILE,
          line: 12,
          column: 1,
          path: "fualts",
          message: 'unknown key "fualts" (did you mean "faults"?)',
        },
        {
          file: FILE,
          line: 13,
          column: 1,
          path: "runz",
          message: 'unknown key "runz" (did you mean "runs"?)',
        },
      ]);
    }
  });
});
