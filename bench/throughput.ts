/**
 * Throughput benchmark (issue 7.3): property runs per second of the default safe scenario
 * (scenarios/broker-crashes.yaml), on one worker and on two.
 *
 * `--workers` splits a suite by scenario, so the scenario is copied into a temporary folder twice
 * under two names (broker-crashes-a, broker-crashes-b: two different fast-check seeds, so two
 * different sets of runs); the same two files then run as a fresh
 * `node bin/ksim.js run <dir> --workers 1|2 --json --out <tmp>` process, alternating, a few times.
 * Runs per second = runs done / process wall time (start-up, worker start-up and report writing
 * included); speedup = median wall(workers 1) / median wall(workers 2). Simulated seconds per
 * wall second = results.json Σ simulatedMs / Σ wallMs of the one-worker runs (in-process: no
 * start-up).
 *
 * Control: the same two files as two independent single-worker `ksim run <file>` processes started
 * at the same moment (no ksim worker machinery at all): wall(workers 1) / wall(that pair) is the
 * speedup this machine gives two such processes, the ceiling for `--workers 2`.
 *
 * Targets (issue 7.3): speedup >= 1.7x on 2 cores; >= 1000x real time.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { SuiteResults } from "../src/harness/findings";
import {
  type BenchOptions,
  fmt,
  median,
  REPO_ROOT,
  resultHeader,
  round,
  runNode,
  runNodeAsync,
  writeResult,
} from "./common";

const SCENARIO = join(REPO_ROOT, "scenarios", "broker-crashes.yaml");
const KSIM = join(REPO_ROOT, "bin", "ksim.js");
const REPETITIONS = 3;
const QUICK_RUNS = 20;
const TARGET_SPEEDUP = 1.7;
const TARGET_REAL_TIME_FACTOR = 1000;
const PROCESS_TIMEOUT_MS = 300_000;

interface SuiteMeasurement {
  workers: number;
  processWallMs: number;
  runs: number;
  runsPerSecond: number;
  verdicts: string[];
  scenarios: { name: string; runs: number; wallMs: number; simulatedMs: number }[];
}

function parseSuite(stdout: string, what: string, status: number | null, stderr: string): SuiteResults {
  try {
    return JSON.parse(stdout) as SuiteResults;
  } catch {
    throw new Error(`${what}: exit ${status}, no JSON on stdout:\n${stderr.slice(-2000)}`);
  }
}

/** Two single-worker processes, one per file, started together; wall time until both have exited. */
async function measurePair(
  files: readonly string[],
  runs: number | undefined,
  options: BenchOptions,
): Promise<{ wallMs: number; scenarios: { name: string; wallMs: number }[] }> {
  const outs = files.map(() => mkdtempSync(join(tmpdir(), "ksim-throughput-pair-")));
  try {
    const start = performance.now();
    const children = await Promise.all(
      files.map((file, i) =>
        runNodeAsync(
          [
            KSIM,
            "run",
            file,
            "--json",
            "--out",
            outs[i]!,
            ...(runs === undefined ? [] : ["--runs", String(runs)]),
          ],
          options,
        ),
      ),
    );
    const wallMs = performance.now() - start;
    const scenarios = children.map((child, i) => {
      const result = parseSuite(child.stdout, `ksim run ${files[i]}`, child.status, child.stderr)
        .scenarios[0]!;
      return { name: result.name, wallMs: round(result.wallMs) };
    });
    return { wallMs: round(wallMs), scenarios };
  } finally {
    for (const out of outs) rmSync(out, { recursive: true, force: true });
  }
}

function measure(
  dir: string,
  workers: number,
  runs: number | undefined,
  options: BenchOptions,
): SuiteMeasurement {
  const out = mkdtempSync(join(tmpdir(), "ksim-throughput-out-"));
  try {
    const args = [
      KSIM,
      "run",
      dir,
      "--workers",
      String(workers),
      "--json",
      "--out",
      out,
      ...(runs === undefined ? [] : ["--runs", String(runs)]),
    ];
    const child = runNode(args, options, PROCESS_TIMEOUT_MS);
    const suite = parseSuite(child.stdout, `ksim run --workers ${workers}`, child.status, child.stderr);
    const totalRuns = suite.scenarios.reduce((sum, s) => sum + s.runs, 0);
    return {
      workers,
      processWallMs: round(child.wallMs),
      runs: totalRuns,
      runsPerSecond: round(totalRuns / (child.wallMs / 1000), 2),
      verdicts: suite.scenarios.map((s) => `${s.name}: ${s.verdict}`),
      scenarios: suite.scenarios.map((s) => ({
        name: s.name,
        runs: s.runs,
        wallMs: round(s.wallMs),
        simulatedMs: s.simulatedMs,
      })),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function run(options: BenchOptions): Promise<object> {
  const runs = options.quick ? QUICK_RUNS : undefined;
  const repetitions = options.quick ? 1 : REPETITIONS;
  const dir = mkdtempSync(join(tmpdir(), "ksim-throughput-"));
  const text = readFileSync(SCENARIO, "utf8");
  if (!/^name: broker-crashes$/m.test(text))
    throw new Error(`${SCENARIO}: expected a "name: broker-crashes" line`);
  const files = ["a", "b"].map((suffix) => join(dir, `broker-crashes-${suffix}.yaml`));
  files.forEach((file, i) =>
    writeFileSync(file, text.replace(/^name: broker-crashes$/m, `name: broker-crashes-${"ab"[i]}`)),
  );
  const one: SuiteMeasurement[] = [];
  const two: SuiteMeasurement[] = [];
  const pairs: Awaited<ReturnType<typeof measurePair>>[] = [];
  try {
    for (let rep = 0; rep < repetitions; rep++) {
      one.push(measure(dir, 1, runs, options));
      two.push(measure(dir, 2, runs, options));
      pairs.push(await measurePair(files, runs, options));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const wallOne = median(one.map((m) => m.processWallMs));
  const wallTwo = median(two.map((m) => m.processWallMs));
  const totalRuns = one[0]!.runs;
  const speedup = wallOne / wallTwo;
  const pairSpeedups = one.map((m, i) => round(m.processWallMs / two[i]!.processWallMs, 3));
  const wallPair = median(pairs.map((p) => p.wallMs));
  const machineCeiling = wallOne / wallPair;
  const inProcess = one.flatMap((m) => m.scenarios);
  const simulatedMs = inProcess.reduce((sum, s) => sum + s.simulatedMs, 0);
  const harnessWallMs = inProcess.reduce((sum, s) => sum + s.wallMs, 0);
  const realTime = simulatedMs / harnessWallMs;
  /** Median in-process time of each scenario, per mode: how much slower a run is with both cores busy. */
  const perScenario = (ms: SuiteMeasurement[]): Record<string, number> =>
    Object.fromEntries(
      ms[0]!.scenarios.map((sc) => [
        sc.name,
        round(median(ms.map((m) => m.scenarios.find((x) => x.name === sc.name)!.wallMs))),
      ]),
    );
  const scenarioMsOne = perScenario(one);
  const scenarioMsTwo = perScenario(two);
  /** --workers 2 wall time not spent inside either worker's property run: start-up, forks, report. */
  const workers2OutsideRunsMs = round(
    median(two.map((m) => m.processWallMs - Math.max(...m.scenarios.map((x) => x.wallMs)))),
  );
  const inProcessRunsPerSecond = inProcess.reduce((sum, s) => sum + s.runs, 0) / (harnessWallMs / 1000);
  const result = {
    ...resultHeader(options),
    ...(options.quick ? { quick: true } : {}),
    scenario: "scenarios/broker-crashes.yaml, copied as broker-crashes-a and broker-crashes-b",
    runsPerScenario: runs ?? "the scenario's own (runs: 100)",
    repetitions,
    workers1: {
      medianProcessWallMs: round(wallOne),
      runsPerSecond: round(totalRuns / (wallOne / 1000), 2),
      measurements: one,
    },
    workers2: {
      medianProcessWallMs: round(wallTwo),
      runsPerSecond: round(totalRuns / (wallTwo / 1000), 2),
      measurements: two,
    },
    speedup: round(speedup, 3),
    pairSpeedups,
    control: {
      what: "the two files as two independent single-worker ksim processes started together (no worker machinery)",
      medianWallMs: round(wallPair),
      speedupOverWorkers1: round(machineCeiling, 3),
      measurements: pairs,
    },
    inProcessRunsPerSecond: round(inProcessRunsPerSecond, 2),
    scenarioWallMsWorkers1: scenarioMsOne,
    scenarioWallMsWorkers2: scenarioMsTwo,
    workers2OutsideRunsMs,
    meanSimulatedSecondsPerRun: round(simulatedMs / 1000 / inProcess.reduce((sum, s) => sum + s.runs, 0), 2),
    simulatedSecondsPerWallSecond: round(realTime, 1),
    targets: {
      speedup: { target: TARGET_SPEEDUP, met: speedup >= TARGET_SPEEDUP },
      simulatedSecondsPerWallSecond: {
        target: TARGET_REAL_TIME_FACTOR,
        met: realTime >= TARGET_REAL_TIME_FACTOR,
        shortfallFactor: round(TARGET_REAL_TIME_FACTOR / realTime, 1),
      },
    },
  };
  const verdict = (met: boolean, short: string): string => (met ? "met" : `MISSED, ${short}`);
  process.stdout.write(
    [
      `throughput: scenarios/broker-crashes.yaml as two copies, ${totalRuns} runs in all, fresh \`ksim run\` process, median of ${repetitions}`,
      `  verdicts: ${one[0]!.verdicts.join(", ")}`,
      `  --workers 1: ${fmt(wallOne)} ms -> ${fmt(totalRuns / (wallOne / 1000), 2)} runs/s (in-process, start-up excluded: ${fmt(inProcessRunsPerSecond, 2)} runs/s)`,
      `  --workers 2: ${fmt(wallTwo)} ms -> ${fmt(totalRuns / (wallTwo / 1000), 2)} runs/s`,
      `  speedup:     ${fmt(speedup, 2)}x (per pair: ${pairSpeedups.map((s) => fmt(s, 2)).join(", ")}; target >= ${TARGET_SPEEDUP}x: ${verdict(result.targets.speedup.met, `${fmt(TARGET_SPEEDUP - speedup, 2)} below`)})`,
      `  per scenario (in-process, median): --workers 1 ${Object.entries(scenarioMsOne)
        .map(([n, v]) => `${n} ${fmt(v)} ms`)
        .join(", ")}; --workers 2 ${Object.entries(scenarioMsTwo)
        .map(([n, v]) => `${n} ${fmt(v)} ms`)
        .join(", ")}; --workers 2 time outside the runs ${fmt(workers2OutsideRunsMs)} ms`,
      `  control:     two independent single-worker processes at once: ${fmt(wallPair)} ms -> ${fmt(machineCeiling, 2)}x over --workers 1 (this machine's ceiling for two processes)`,
      `  simulated s / wall s: ${fmt(realTime, 1)}x (${fmt(result.meanSimulatedSecondsPerRun, 1)} simulated s per run; target >= ${TARGET_REAL_TIME_FACTOR}x: ${verdict(result.targets.simulatedSecondsPerWallSecond.met, `${fmt(TARGET_REAL_TIME_FACTOR / realTime, 1)}x short`)})`,
      "",
    ].join("\n"),
  );
  writeResult("throughput", result);
  return result;
}
