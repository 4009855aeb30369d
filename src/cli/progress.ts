/**
 * Progress while a suite runs: a bar per scenario on a terminal, plain lines when output is not a
 * TTY (CI logs stay readable).
 */
import cliProgress from "cli-progress";
import type { ScenarioResult } from "../harness/findings";

export interface Progress {
  scenarioStarted(name: string, runsPlanned: number): void;
  runDone(name: string, runsDone: number, shrinking: boolean): void;
  scenarioFinished(result: ScenarioResult): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream, quiet: boolean): Progress {
  if (quiet) return silentProgress();
  return stream.isTTY ? barProgress(stream) : lineProgress(stream);
}

function silentProgress(): Progress {
  return { scenarioStarted() {}, runDone() {}, scenarioFinished() {}, stop() {} };
}

function lineProgress(stream: NodeJS.WriteStream): Progress {
  return {
    scenarioStarted(name, runsPlanned) {
      stream.write(`${name}: ${runsPlanned} runs…\n`);
    },
    runDone() {},
    scenarioFinished(result) {
      stream.write(`${result.name}: ${verdictText(result)}\n`);
    },
    stop() {},
  };
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  const bars = new cliProgress.MultiBar(
    { stream, format: " {bar} {value}/{total} runs  {name}  {status}", hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_grey,
  );
  const byName = new Map<string, cliProgress.SingleBar>();
  return {
    scenarioStarted(name, runsPlanned) {
      byName.set(name, bars.create(runsPlanned, 0, { name, status: "" }));
    },
    runDone(name, runsDone, shrinking) {
      byName.get(name)?.update(runsDone, { status: shrinking ? "found: shrinking…" : "" });
    },
    scenarioFinished(result) {
      const bar = byName.get(result.name) ?? bars.create(result.runsPlanned, 0, { name: result.name, status: "" });
      bar.update(result.runs, { status: verdictText(result) });
      bar.stop();
    },
    stop() {
      bars.stop();
    },
  };
}

export function verdictText(result: ScenarioResult): string {
  const seconds = (result.wallMs / 1000).toFixed(1);
  if (result.verdict === "error") return `ERROR (${result.error ?? "unknown"})`;
  const found = result.finding === undefined ? "" : `, found ${[...new Set(result.finding.violations.map((v) => v.check))].join(", ")}`;
  const mark = result.verdict === "pass" ? "✓" : "✗";
  return `${mark} ${result.verdict} (${result.runs} runs, ${seconds} s${found})`;
}
