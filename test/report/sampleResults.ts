/** Hand-made results for renderer tests: one of each verdict, with hostile strings everywhere. */
import type { Violation } from "../../src/checkers/violation";
import {
  RESULTS_SCHEMA_VERSION,
  type Finding,
  type ScenarioResult,
  type SuiteResults,
} from "../../src/harness/findings";
import type { PartitionSample } from "../../src/harness/timelineSampler";
import type { TraceEvent } from "../../src/kernel/trace";
import type { FindingDetail } from "../../src/report";

export const EVIL = "<script>alert(1)</script>";

export const VIOLATION: Violation = {
  check: "lost-write",
  scope: "log",
  partition: "orders-0",
  offsets: [5],
  values: ["v-5"],
  timeUs: 12_500_000,
  traceIndex: 7,
  message: `v-5 was acknowledged at offset 5 of orders-0 but is missing from the final log & ${EVIL}`,
};

export function failingFinding(name: string): Finding {
  return {
    scenario: name,
    contentHash: "a".repeat(64),
    scenarioPath: "scenarios/evil.yaml",
    fastCheckSeed: 99,
    fastCheckPath: "3:1",
    counterexample: {
      seed: 1234,
      faults: [
        { kind: "crash", at: 2000, node: "broker-1", mode: "power-loss" },
        { kind: "partition", at: 3000, groups: [["broker-0"], ["broker-1", "broker-2"]] },
        { kind: "heal", at: 6000 },
      ],
    },
    fingerprint: "deadbeef",
    violations: [VIOLATION],
    runsToFind: 4,
    faultsBeforeShrink: 7,
    wallMsToFind: 321,
    wallMsToShrink: 123,
    replayCommand: "npx ksim replay --scenario scenarios/evil.yaml --seed 99 --path '3:1'",
    files: {
      finding: "findings/evil.json",
      history: "findings/evil.history.jsonl",
      trace: "findings/evil.trace.jsonl",
    },
  };
}

export function sampleResults(name = EVIL): SuiteResults {
  const base = { contentHash: "a".repeat(64), runsPlanned: 100, fastCheckSeed: 99, simulatedMs: 1000 };
  const failing: ScenarioResult = {
    ...base,
    name,
    description: `Description with ${EVIL} | pipes | and *stars*`,
    path: "scenarios/evil.yaml",
    expect: "hold",
    verdict: "fail",
    runs: 4,
    wallMs: 800,
    finding: failingFinding(name),
  };
  const passing: ScenarioResult = {
    ...base,
    name: "calm & quiet",
    description: "",
    path: "scenarios/calm.yaml",
    expect: "hold",
    verdict: "pass",
    runs: 100,
    wallMs: 5000,
  };
  const caught: ScenarioResult = {
    ...base,
    name: "unclean-election",
    description: "must find the lost write",
    path: "scenarios/unclean.yaml",
    expect: { violate: ["committed-lost"] },
    verdict: "fail",
    runs: 100,
    wallMs: 9000,
  };
  const broken: ScenarioResult = {
    ...base,
    name: "broken",
    description: "",
    path: "scenarios/broken.yaml",
    expect: "hold",
    verdict: "error",
    runs: 0,
    wallMs: 10,
    error: `TypeError: boom ${EVIL} "quoted" & <b>`,
  };
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: "ksim",
    scenarios: [failing, passing, caught, broken],
  };
}

/** A small trace with hostile node names and a partition timeline to match. */
export function sampleDetail(): FindingDetail {
  const trace: TraceEvent[] = [
    {
      index: 0,
      timeUs: 1_000_000,
      kind: "deliver",
      node: "client",
      to: "broker-0",
      detail: { type: "ProduceRequest", partitions: [{ topic: "orders", partition: 0 }] },
    },
    { index: 1, timeUs: 2_000_000, kind: "crash", node: "broker-1", detail: { mode: "power-loss" } },
    {
      index: 2,
      timeUs: 3_000_000,
      kind: "fault",
      node: "harness",
      detail: { kind: "partition", groups: "broker-0 | broker-1,broker-2" },
    },
    {
      index: 3,
      timeUs: 4_000_000,
      kind: "leader-change",
      node: "controller",
      detail: { partition: "orders-0", leader: EVIL, leaderEpoch: 2 },
    },
    { index: 4, timeUs: 5_000_000, kind: "start", node: "broker-1", detail: { incarnation: 2 } },
    { index: 5, timeUs: 6_000_000, kind: "fault", node: "harness", detail: { kind: "heal" } },
    {
      index: 6,
      timeUs: 7_000_000,
      kind: "deliver",
      node: EVIL,
      to: "broker-0",
      detail: { type: "FetchRequest", partitions: [{ topic: "orders", partition: 0 }] },
    },
  ];
  const timeline: PartitionSample[] = [0, 5, 10].map((second) => ({
    timeUs: second * 1_000_000,
    partition: "orders-0",
    leader: "broker-0",
    isrSize: 2,
    replicas: [
      { broker: "broker-0", logEndOffset: second, highWatermark: second },
      { broker: EVIL, logEndOffset: second, highWatermark: 0 },
    ],
  }));
  return { trace, timeline };
}
