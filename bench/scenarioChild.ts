/**
 * Child process for the cluster and scale groups: parses a scenario text, runs `runOnce` (after
 * optional warm-up runs) and prints one JSON line with what it measured. Each measurement runs
 * in a fresh process so its peak memory (maxRSS) is its own and not the benchmark driver's.
 *
 * Usage: node -r ./bin/register.js bench/scenarioChild.ts <input.json>
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { performance } from "node:perf_hooks";
import { runOnce } from "../src/harness/runOnce";
import { Simulator } from "../src/kernel/simulator";
import { parseScenario } from "../src/scenario/parseScenario";

export interface ChildInput {
  readonly scenarioText: string;
  readonly fileName: string;
  readonly seed: number;
  /** Full runs of the same scenario (other seeds) before the measured one, to warm the JIT. */
  readonly warmups: number;
  /**
   * Measured runs of `seed` (default 1). With several, the figures are the median run's (by wall
   * time) and every run's wall time is reported: one run on a shared machine can be an outlier.
   */
  readonly measuredRuns?: number;
  /**
   * Write a V8 sampling heap profile of the memory still live when the measured run's simulation
   * loop ends (before the checkers finish) to this path.
   */
  readonly heapProfilePath?: string;
}

export interface ChildOutput {
  /** The median measured run's wall time. */
  readonly wallMs: number;
  /** Every measured run's wall time, in the order run. */
  readonly measuredWallMs: number[];
  readonly warmupWallMs: number[];
  readonly outcome: { status: string; reason: string; timeUs: number; events: number };
  readonly network: {
    sent: number;
    delivered: number;
    dropped: { loss: number; partition: number; nodeDown: number };
  };
  readonly historyOps: number;
  readonly violations: number;
  readonly firstViolations: string[];
  /** Wall time inside Simulator.run (the event loop), the rest of runOnce being setup and checkers. */
  readonly simLoopWallMs: number;
  /** process.memoryUsage() right after the measured run's simulation loop returned. */
  readonly heapUsedAtSimEndBytes: number;
  readonly rssAtSimEndBytes: number;
  /** process.resourceUsage().maxRSS of this whole process, in bytes. */
  readonly maxRssBytes: number;
}

function main(): void {
  const input = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as ChildInput;
  const scenario = parseScenario(input.scenarioText, input.fileName);

  // Wrap the simulation loop to time it and to look at memory when it ends (bench-only probe).
  const originalRun = Simulator.prototype.run;
  let loopMs = 0;
  let atEnd = { heapUsed: 0, rss: 0 };
  let onLoopEnd: (() => void) | undefined;
  Simulator.prototype.run = function (this: Simulator, ...args: Parameters<Simulator["run"]>) {
    const start = performance.now();
    const outcome = originalRun.apply(this, args);
    loopMs += performance.now() - start;
    const usage = process.memoryUsage();
    atEnd = { heapUsed: usage.heapUsed, rss: usage.rss };
    onLoopEnd?.();
    return outcome;
  };

  const warmupWallMs: number[] = [];
  for (let i = 0; i < input.warmups; i++) {
    const start = performance.now();
    runOnce(scenario, input.seed + 1 + i, scenario.faults.schedule);
    warmupWallMs.push(performance.now() - start);
  }

  let session: Session | undefined;
  if (input.heapProfilePath !== undefined) {
    session = new Session();
    session.connect();
    session.post("HeapProfiler.startSampling", { samplingInterval: 64 * 1024 });
    const path = input.heapProfilePath;
    onLoopEnd = () => {
      session!.post("HeapProfiler.getSamplingProfile", (error, result) => {
        if (error) throw error;
        writeFileSync(path, JSON.stringify(result.profile));
      });
    };
  }

  const runs: { wallMs: number; loopMs: number; heapUsed: number; rss: number; result: ReturnType<typeof runOnce> }[] = [];
  for (let i = 0; i < (input.measuredRuns ?? 1); i++) {
    loopMs = 0;
    const start = performance.now();
    const result = runOnce(scenario, input.seed, scenario.faults.schedule);
    const wallMs = performance.now() - start;
    session?.disconnect();
    session = undefined;
    onLoopEnd = undefined;
    runs.push({ wallMs, loopMs, heapUsed: atEnd.heapUsed, rss: atEnd.rss, result });
  }
  const median = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)]!;
  const { wallMs, result } = median;

  const output: ChildOutput = {
    wallMs,
    measuredWallMs: runs.map((run) => run.wallMs),
    warmupWallMs,
    outcome: { ...result.outcome },
    network: {
      sent: result.network.sent,
      delivered: result.network.delivered,
      dropped: { ...result.network.dropped },
    },
    historyOps: result.historyOps,
    violations: result.violations.length,
    firstViolations: result.violations.slice(0, 3).map((v) => `${v.check}: ${v.message}`),
    simLoopWallMs: median.loopMs,
    heapUsedAtSimEndBytes: median.heapUsed,
    rssAtSimEndBytes: median.rss,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(JSON.stringify(output) + "\n");
}

main();
