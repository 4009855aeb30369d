/**
 * History checkers benchmark: what each client-visible check costs on a real history. Records the
 * cluster benchmark's run (seed 1: 60,000 sends, their acks and the drain's reads) to a JSON-lines
 * file once, then feeds it to each checker alone — observe every op, then finish — eleven times,
 * reporting the median and the fastest pass after one warm-up. In-process: these figures are the
 * checkers' own CPU, without the simulation's noise around them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createHistoryCheckers, type CheckContext } from "../src/checkers";
import { CLIENT_ANOMALIES, type ClientAnomaly } from "../src/checkers/violation";
import { runOnce } from "../src/harness/runOnce";
import { readJsonLines } from "../src/history/jsonLinesSink";
import type { HistoryOp } from "../src/history/types";
import { parseScenario } from "../src/scenario/parseScenario";
import { CLUSTER_SCENARIO } from "./cluster";
import {
  type BenchOptions,
  fmt,
  median,
  type ResultHeader,
  resultHeader,
  round,
  writeResult,
} from "./common";

const SEED = 1;
const PASSES = 11;

export interface CheckersBenchResult extends ResultHeader {
  historyOps: number;
  recordsRead: number;
  passes: number;
  /** Per checker: median and fastest pass over the whole history, in ms. */
  checkers: Record<ClientAnomaly, { medianMs: number; minMs: number; violations: number }>;
}

export function run(options: BenchOptions): CheckersBenchResult {
  const ops = recordedHistory();
  const recordsRead = ops.reduce((sum, op) => sum + (op.f === "poll" && op.type === "ok" ? op.records.length : 0), 0);
  // The drain read every partition to its end; no consumer group ran.
  const context: CheckContext = { groups: [], drainComplete: drainedPartitions(ops), truncations: [] };
  const checkers = {} as CheckersBenchResult["checkers"];
  for (const name of CLIENT_ANOMALIES) checkers[name] = timeChecker(name, ops, context);
  const result: CheckersBenchResult = {
    ...resultHeader(options),
    historyOps: ops.length,
    recordsRead,
    passes: PASSES,
    checkers,
  };
  const lines = CLIENT_ANOMALIES.map((name) => {
    const { medianMs, minMs, violations } = checkers[name];
    return `  ${name.padEnd(22)} ${fmt(medianMs, 1).padStart(6)} ms median, ${fmt(minMs, 1).padStart(6)} ms fastest, ${violations} violations`;
  });
  const totalMs = CLIENT_ANOMALIES.reduce((sum, name) => sum + checkers[name].medianMs, 0);
  process.stdout.write(
    [
      `checkers: the cluster benchmark's history (seed ${SEED}: ${fmt(ops.length)} ops, ${fmt(recordsRead)} records read), each checker alone, median of ${PASSES} passes`,
      ...lines,
      `  sum of medians: ${fmt(totalMs, 1)} ms (lost-write and unseen share their acks and final log in a real run, so a run pays less)`,
      "",
    ].join("\n"),
  );
  writeResult("checkers", result);
  return result;
}

function recordedHistory(): HistoryOp[] {
  const dir = mkdtempSync(join(tmpdir(), "ksim-bench-history-"));
  try {
    const path = join(dir, "history.jsonl");
    const scenario = parseScenario(CLUSTER_SCENARIO, "bench-cluster.yaml");
    runOnce(scenario, SEED, scenario.faults.schedule, { historyPath: path });
    return [...readJsonLines(path)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function drainedPartitions(ops: readonly HistoryOp[]): Set<string> {
  const names = new Set<string>();
  for (const op of ops) {
    if (op.f === "poll" && op.type === "ok" && op.drain) for (const record of op.records) names.add(`${record.topic}-${record.partition}`);
  }
  return names;
}

function timeChecker(name: ClientAnomaly, ops: readonly HistoryOp[], context: CheckContext): CheckersBenchResult["checkers"][ClientAnomaly] {
  const passMs: number[] = [];
  let violations = 0;
  for (let pass = 0; pass <= PASSES; pass++) {
    const [checker] = createHistoryCheckers([name]);
    const startMs = performance.now();
    for (const op of ops) checker!.observe(op);
    violations = checker!.finish(context).length;
    if (pass > 0) passMs.push(performance.now() - startMs); // pass 0 warms the JIT
  }
  return { medianMs: round(median(passMs), 1), minMs: round(Math.min(...passMs), 1), violations };
}
