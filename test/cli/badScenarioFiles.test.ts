/**
 * Scenario files a hostile review found accepted, silently mis-run or crashing ksim: each is bad
 * input, and `ksim run` must say where (file:line:column: field) and exit 2 before running
 * anything — never pass, never a stack trace. One process checks them all, to stay fast.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ksim, tempDir } from "./cliRunner";

// Lines 1-12; each case below changes or appends to it.
const BASE = `name: base
cluster: { brokers: 3, broker: { min.insync.replicas: 2 } }
topics: [{ name: orders, partitions: 1, replicationFactor: 3 }]
producers:
  - id: p1
    config: { acks: all }
    workload: { topic: orders, messages: 20, ratePerSec: 50 }
consumers:
  - group: g
    topics: [orders]
    config: { auto.offset.reset: earliest }
phases: { chaosMs: 3000, healMs: 1000, drainMs: 20000 }
`;

const WITHOUT_CONSUMERS = BASE.replace(/consumers:\n(.*\n){3}/, "");

/** File name → its text and the `line:column: field` the error must point at. */
const CASES: Record<string, { text: string; at: string }> = {
  "swarm-conflict": {
    text: `${BASE}swarm: { "producers[0].config.acks": ["1"], "producers[0].config.enable.idempotence": [true] }\n`,
    at: '13:10: swarm["producers[0].config.acks"]',
  },
  "swarm-expect": {
    text: `${BASE}swarm: { expect: [{ violate: [lost-write] }] }\n`,
    at: '13:10: swarm["expect"]',
  },
  "generate-partition-one-node": {
    text: `${BASE}faults: { generate: { kinds: [partition], targets: [controller] } }\n`,
    at: "13:31: faults.generate.kinds[0]",
  },
  "sink-without-consumers": {
    text: `${WITHOUT_CONSUMERS}checks: [lost-write:sink]\n`,
    at: "9:10: checks[0]",
  },
  "internal-topic": {
    text: BASE.replace("name: orders,", "name: __consumer_offsets,"),
    at: "3:18: topics[0].name",
  },
  "max-request-size": {
    text: BASE.replace("{ acks: all }", "{ acks: all, max.request.size: 0 }"),
    at: "6:26: producers[0].config.max.request.size",
  },
  "num-partitions": {
    text: BASE.replace(
      "min.insync.replicas: 2",
      "min.insync.replicas: 2, num.partitions: 2000000000",
    ).replace(" partitions: 1,", ""),
    at: "2:74: cluster.broker.num.partitions",
  },
  "huge-chaos": {
    text: BASE.replace("chaosMs: 3000", "chaosMs: 9007199254740991"),
    at: "12:20: phases.chaosMs",
  },
  "unknown-alias": { text: `${BASE}description: *nope\n`, at: "13:14: unknown alias *nope" },
};

describe("ksim run on bad scenario files", () => {
  it("exits 2 before running, naming each file, line, column and field, without a stack trace", () => {
    const dir = tempDir("bad-scenarios");
    for (const [name, { text }] of Object.entries(CASES)) {
      fs.writeFileSync(path.join(dir, `${name}.yaml`), text.replace("name: base", `name: ${name}`));
    }
    const run = ksim(["run", dir, "--runs", "1", "--out", path.join(dir, "out")]);
    expect(run.status).toBe(2);
    expect(run.stdout).not.toContain("pass");
    expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
    for (const [name, { at }] of Object.entries(CASES)) {
      expect(run.stderr).toContain(`${path.join(dir, name)}.yaml:${at}`);
    }
  });
});
