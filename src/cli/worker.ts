/**
 * A worker process of `ksim run --workers K`: it loads each scenario it is sent (refusing one that
 * changed since the parent read it), runs its property and sends the result back.
 */
import { runProperty } from "../harness/propertyRunner";
import { loadScenarioFile } from "../scenario/loadScenarios";
import { yieldToEventLoop } from "./suiteRunner";
import type { WorkerReply, WorkerTask } from "./workerProtocol";

export function runWorker(): void {
  let interrupted = false;
  process.on("SIGINT", () => {
    interrupted = true; // the parent decides; finish the current scenario's run cleanly
  });
  process.on("message", (task: WorkerTask) => {
    if (task.type === "stop") {
      interrupted = true;
      return;
    }
    if (task.type === "exit") {
      process.disconnect?.();
      return;
    }
    void runTask(task, () => interrupted);
  });
}

async function runTask(
  task: Extract<WorkerTask, { type: "scenario" }>,
  interrupted: () => boolean,
): Promise<void> {
  const scenario = loadScenarioFile(task.path);
  if (scenario.contentHash !== task.contentHash)
    throw new Error(`${task.path} changed while the suite was running`);
  const result = await runProperty(scenario, {
    runs: task.runs,
    fastCheckSeed: task.fastCheckSeed,
    wallClockMs: () => performance.now(),
    onRun: (runsDone, shrinking) => reply({ type: "progress", name: scenario.name, runsDone, shrinking }),
    interrupted,
    betweenRuns: yieldToEventLoop,
  });
  reply({ type: "result", index: task.index, result });
}

function reply(message: WorkerReply): void {
  process.send?.(message);
}
