/**
 * A real finding for report tests: the KIP-101 schedule from test/cluster/dataLoss.test.ts under
 * legacy high-watermark truncation, with the trace recorded and the replicas sampled, wrapped in
 * the `SuiteResults` a property run would write.
 */
import { ReplicaMonitor } from "../../src/checkers/replica/replicaMonitor";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { RESULTS_SCHEMA_VERSION, type ScenarioResult, type SuiteResults } from "../../src/harness/findings";
import { sampleTimeline } from "../../src/harness/timelineSampler";
import { msToMicros } from "../../src/kernel/time";
import type { FaultSpec } from "../../src/scenario/faultSpec";
import type { FindingDetail } from "../../src/report";
import { runFor, startCluster, values } from "../support/clusterFixture";
import { addScriptedClient } from "../support/scriptedClient";

export const KIP101_NAME = "kip-101-hw-truncation";
const RUN_MS = 34_000;

export interface Kip101Finding {
  readonly results: SuiteResults;
  readonly details: ReadonlyMap<string, FindingDetail>;
}

export function kip101Finding(): Kip101Finding {
  const cluster = startCluster({
    replicationTruncation: "high-watermark",
    recordTrace: true,
    link: { latencyMinMs: 1, latencyMaxMs: 1, loss: 0, duplicate: 0 },
    topics: [topicSpec("orders", 1, 2, { minInsyncReplicas: 1 })],
  });
  const sim = cluster.sim;
  const timeline = sampleTimeline(cluster, ["orders-0"], 2, msToMicros(RUN_MS));
  const monitor = new ReplicaMonitor(cluster);
  const client = addScriptedClient(sim, "client");
  runFor(cluster, 1000);
  const state = cluster.controllerDisk.partitions.get("orders-0")!;
  const leaderB = state.leader!;
  const followerA = state.replicas.find((id) => id !== leaderB)!;
  client().produce(leaderB, "orders", 0, values("early", 0, 5));
  runFor(cluster, 6000);
  const m = client().produce(leaderB, "orders", 0, ["m"]);
  for (let i = 0; i < 1000 && client().responseTo(m) === undefined; i++) runFor(cluster, 1);
  const faults: FaultSpec[] = [];
  const atMs = (): number => sim.nowUs() / 1000;
  faults.push(
    { kind: "crash", at: atMs(), node: followerA, mode: "kill" },
    { kind: "restart", at: atMs(), node: followerA },
  );
  sim.crash(followerA, "kill");
  sim.restart(followerA);
  faults.push({ kind: "crash", at: atMs(), node: leaderB, mode: "kill" });
  sim.crash(leaderB, "kill");
  runFor(cluster, 15_000);
  faults.push({ kind: "restart", at: atMs(), node: leaderB });
  sim.restart(leaderB);
  sim.runUntil(msToMicros(RUN_MS));
  const violations = monitor.finish();

  const result: ScenarioResult = {
    name: KIP101_NAME,
    description:
      "KIP-101: a follower restarts and truncates to its stale high watermark, then is elected; the acknowledged write m is lost.",
    path: "scenarios/kip-101.yaml",
    contentHash: "0".repeat(64),
    expect: "hold",
    verdict: "fail",
    runs: 17,
    runsPlanned: 100,
    fastCheckSeed: 424242,
    wallMs: 2350,
    simulatedMs: 17 * RUN_MS,
    finding: {
      scenario: KIP101_NAME,
      contentHash: "0".repeat(64),
      scenarioPath: "scenarios/kip-101.yaml",
      fastCheckSeed: 424242,
      fastCheckPath: "16:3:0",
      counterexample: { seed: 7, faults },
      fingerprint: sim.trace.fingerprint(),
      violations,
      runsToFind: 17,
      faultsBeforeShrink: 9,
      wallMsToFind: 1900,
      wallMsToShrink: 450,
      replayCommand: "npx ksim replay --scenario scenarios/kip-101.yaml --seed 424242 --path 16:3:0",
      files: {
        finding: "findings/kip-101-hw-truncation.json",
        history: "findings/kip-101-hw-truncation.history.jsonl",
        trace: "findings/kip-101-hw-truncation.trace.jsonl",
      },
    },
  };
  const passing: ScenarioResult = {
    name: "kip-101-leader-epoch",
    description: "The same schedule with truncation by leader epoch keeps every acknowledged write.",
    path: "scenarios/kip-101-epoch.yaml",
    contentHash: "1".repeat(64),
    expect: "hold",
    verdict: "pass",
    runs: 100,
    runsPlanned: 100,
    fastCheckSeed: 424242,
    wallMs: 8100,
    simulatedMs: 100 * RUN_MS,
  };
  return {
    results: { schemaVersion: RESULTS_SCHEMA_VERSION, tool: "ksim", scenarios: [result, passing] },
    details: new Map([[KIP101_NAME, { trace: sim.trace.events, timeline }]]),
  };
}
