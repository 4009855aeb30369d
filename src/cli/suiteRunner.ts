/**
 * Runs a suite of scenarios, in this process or across worker processes. Each scenario's result
 * depends only on the scenario and its seed, so the results do not depend on `--workers`; they
 * come back in the scenarios' order.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { ScenarioResult } from "../harness/findings";
import { runProperty } from "../harness/propertyRunner";
import type { Scenario } from "../scenario/scenario";
import type { Progress } from "./progress";
import { scenarioSeed } from "./seeds";
import type { WorkerReply, WorkerTask } from "./workerProtocol";

export interface SuiteOptions {
  readonly suiteSeed: string;
  /** Overrides every scenario's own `runs`. */
  readonly runs?: number;
  readonly workers: number;
  readonly progress: Progress;
  readonly interrupted: () => boolean;
}

export function runsFor(scenario: Scenario, options: Pick<SuiteOptions, "runs">): number {
  return options.runs ?? scenario.runs;
}

export async function runSuite(scenarios: readonly Scenario[], options: SuiteOptions): Promise<ScenarioResult[]> {
  if (options.workers > 1 && scenarios.length > 1) return runInWorkers(scenarios, options);
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    if (options.interrupted()) break;
    results.push(await runInProcess(scenario, options));
  }
  return results;
}

/** Lets signals (Ctrl-C) and buffered output through between runs. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function runInProcess(scenario: Scenario, options: SuiteOptions): Promise<ScenarioResult> {
  const runs = runsFor(scenario, options);
  options.progress.scenarioStarted(scenario.name, runs);
  const result = await runProperty(scenario, {
    runs,
    fastCheckSeed: scenarioSeed(options.suiteSeed, scenario.name),
    wallClockMs: () => performance.now(),
    onRun: (done, shrinking) => options.progress.runDone(scenario.name, done, shrinking),
    interrupted: options.interrupted,
    betweenRuns: yieldToEventLoop,
  });
  options.progress.scenarioFinished(result);
  return result;
}

async function runInWorkers(scenarios: readonly Scenario[], options: SuiteOptions): Promise<ScenarioResult[]> {
  const results: (ScenarioResult | undefined)[] = scenarios.map(() => undefined);
  let next = 0;
  const workerCount = Math.min(options.workers, scenarios.length);
  const workers: ChildProcess[] = [];
  await new Promise<void>((resolve, reject) => {
    let finished = 0;
    const stopWorkers = (): void => {
      for (const worker of workers) if (worker.connected) worker.send({ type: "stop" } satisfies WorkerTask);
    };
    const stopTimer = setInterval(() => {
      if (options.interrupted()) {
        stopWorkers();
        clearInterval(stopTimer);
      }
    }, 100);
    const feed = (worker: ChildProcess): void => {
      if (next >= scenarios.length || options.interrupted()) {
        worker.send({ type: "exit" } satisfies WorkerTask);
        return;
      }
      const index = next++;
      const scenario = scenarios[index]!;
      const runs = runsFor(scenario, options);
      options.progress.scenarioStarted(scenario.name, runs);
      worker.send({
        type: "scenario",
        index,
        path: scenario.sourcePath,
        contentHash: scenario.contentHash,
        runs,
        fastCheckSeed: scenarioSeed(options.suiteSeed, scenario.name),
      } satisfies WorkerTask);
    };
    for (let w = 0; w < workerCount; w++) {
      const worker = fork(path.join(__dirname, "..", "..", "bin", "ksim.js"), ["__worker"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
      workers.push(worker);
      worker.on("message", (reply: WorkerReply) => {
        if (reply.type === "progress") options.progress.runDone(reply.name, reply.runsDone, reply.shrinking);
        if (reply.type === "result") {
          results[reply.index] = reply.result;
          options.progress.scenarioFinished(reply.result);
          feed(worker);
        }
      });
      worker.on("exit", (code) => {
        if (code !== 0 && code !== null && !options.interrupted()) reject(new Error(`a worker process exited with code ${code}`));
        if (++finished === workerCount) {
          clearInterval(stopTimer);
          resolve();
        }
      });
      feed(worker);
    }
  });
  return results.filter((result): result is ScenarioResult => result !== undefined);
}
