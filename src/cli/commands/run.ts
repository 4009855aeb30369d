/** `ksim run [paths…]`: run property suites over scenarios and write the report. */
import * as path from "node:path";
import type { ScenarioResult } from "../../harness/findings";
import { loadScenarios } from "../../scenario/loadScenarios";
import { RUNS_MAX } from "../../scenario/schema";
import type { Scenario } from "../../scenario/scenario";
import { ExitCode } from "../exitCodes";
import { createProgress } from "../progress";
import { DEFAULT_SUITE_SEED } from "../seeds";
import { runSuite } from "../suiteRunner";
import { suiteFingerprint } from "../suiteFingerprint";
import { summaryTable } from "../summaryTable";
import { suiteResults, writeOutputs } from "../writeOutputs";
import { parseShard, selectShard, type Shard } from "../shard";
import { positiveInt } from "../argParsers";
import { checkOutputFolder } from "../outputPaths";

export interface RunArgs {
  readonly runs?: string;
  readonly seed?: string;
  readonly workers?: string;
  readonly shard?: string;
  readonly out?: string;
  readonly json?: boolean;
}

export const DEFAULT_OUT_DIR = path.join("reports", "latest");

/** Each worker is a Node process of its own: a typo like `--workers 1000` must not fork a thousand. */
const WORKERS_MAX = 64;

export async function runCommand(paths: readonly string[], args: RunArgs): Promise<number> {
  const runs = args.runs !== undefined ? positiveInt(args.runs, "--runs", RUNS_MAX) : runsFromEnvironment();
  const workers = args.workers !== undefined ? positiveInt(args.workers, "--workers", WORKERS_MAX) : 1;
  const shard: Shard | undefined = args.shard !== undefined ? parseShard(args.shard) : undefined;
  const outDir = args.out ?? DEFAULT_OUT_DIR;
  checkOutputFolder(outDir, "--out");
  const scenarios: Scenario[] = selectShard(loadScenarios(paths.length > 0 ? paths : ["scenarios"]), shard);
  let interrupted = false;
  const onInterrupt = (): void => {
    if (interrupted) return; // a terminal's Ctrl-C can arrive twice: directly and through bin/respawn.js
    interrupted = true;
    process.stderr.write("\nksim: stopping after the runs in progress; writing what finished…\n");
  };
  process.on("SIGINT", onInterrupt);
  const progress = createProgress(process.stderr, args.json === true);
  let results: ScenarioResult[];
  try {
    results = await runSuite(scenarios, {
      suiteSeed: args.seed ?? DEFAULT_SUITE_SEED,
      ...(runs !== undefined ? { runs } : {}),
      workers,
      progress,
      interrupted: () => interrupted,
    });
  } finally {
    progress.stop();
    process.off("SIGINT", onInterrupt);
  }
  const suite = suiteResults(results, shard === undefined ? undefined : `${shard.index}/${shard.count}`);
  const reportPath = writeOutputs(outDir, suite);
  if (args.json === true) process.stdout.write(JSON.stringify(suite, null, 2) + "\n");
  else process.stdout.write(`\n${summaryTable(results)}\n\nfingerprint: ${suiteFingerprint(results)}\nreport: ${reportPath}\n`);
  return exitCodeOf(results, interrupted);
}

export function exitCodeOf(results: readonly ScenarioResult[], interrupted: boolean): number {
  if (results.some((r) => r.verdict === "error")) return ExitCode.HARNESS_FAILED;
  if (interrupted) return ExitCode.INTERRUPTED;
  return results.some((r) => r.verdict === "fail") ? ExitCode.EXPECTATION_FAILED : ExitCode.OK;
}

/** CI keeps within its time with KSIM_RUNS; a flag still wins. */
function runsFromEnvironment(): number | undefined {
  const value = process.env["KSIM_RUNS"];
  if (value === undefined || value === "") return undefined;
  return positiveInt(value, "KSIM_RUNS", RUNS_MAX);
}
