/**
 * `ksim replay <finding.json>` or `ksim replay --scenario F --seed S --path P`: re-runs one
 * counterexample exactly, prints its violations and fingerprint, and can write the full trace, a
 * one-run HTML report, or a regression scenario with the counterexample as an explicit schedule.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { faultToText, inTimeOrder } from "../../faults/faultRunner";
import type { Finding } from "../../harness/findings";
import { findingSchema } from "../../harness/findingSchema";
import { decisiveViolations } from "../../harness/propertyRunner";
import { replayFinding } from "../../harness/replayFinding";
import { replayCommandFor } from "../../harness/replayCommand";
import { faultsForRun, runInputArbitrary, scenarioForRun, type RunInput } from "../../harness/runInput";
import { runOnce } from "../../harness/runOnce";
import { formatSeconds } from "../../kernel/time";
import { loadScenarioFile } from "../../scenario/loadScenarios";
import type { Scenario } from "../../scenario/scenario";
import { fastCheckPath, fastCheckSeed } from "../argParsers";
import { CliError, ExitCode } from "../exitCodes";
import { exportRegression } from "../exportRegression";
import { findingScenario } from "../findingScenario";
import { readJsonInput } from "../jsonInput";
import { checkOutputFile } from "../outputPaths";
import { suiteResults, writeOutputs } from "../writeOutputs";

export interface ReplayArgs {
  readonly scenario?: string;
  readonly seed?: string;
  readonly path?: string;
  readonly trace?: string;
  readonly html?: string;
  readonly save?: string;
}

export function replayCommand(findingFile: string | undefined, args: ReplayArgs): number {
  if (findingFile !== undefined) rejectSeedAndPathOptions(findingFile, args);
  checkOutputFiles(args);
  const { scenario, finding } = findingFile !== undefined ? fromFile(findingFile) : fromSeedAndPath(args);
  const replay = replayFinding(scenario, finding, { recordTrace: args.trace !== undefined });
  const result = replay.result;
  const out = process.stdout;
  out.write(`scenario:    ${scenario.name} (${scenario.sourcePath})\n`);
  out.write(`seed:        ${finding.counterexample.seed}\n`);
  out.write(`faults:\n${inTimeOrder(finding.counterexample.faults).map((f) => `  ${faultToText(f)}`).join("\n") || "  (none)"}\n`);
  out.write(`violations:\n${result.violations.map((v) => `  ${v.check} at ${formatSeconds(v.timeUs)}: ${v.message}`).join("\n") || "  (none)"}\n`);
  out.write(`fingerprint: ${result.fingerprint}${replay.exact ? " (matches the recorded run)" : ` (DIFFERS from the recorded ${finding.fingerprint})`}\n`);
  if (args.trace !== undefined) {
    fs.writeFileSync(args.trace, (result.trace ?? []).map((event) => JSON.stringify(event)).join("\n") + "\n");
    out.write(`trace:       ${args.trace}\n`);
  }
  if (args.html !== undefined) {
    const single = { name: scenario.name, description: scenario.description, path: scenario.sourcePath, contentHash: scenario.contentHash, expect: scenario.expect.kind === "hold" ? ("hold" as const) : { violate: scenario.expect.checks }, verdict: "fail" as const, runs: 1, runsPlanned: 1, fastCheckSeed: finding.fastCheckSeed, wallMs: 0, simulatedMs: result.outcome.timeUs / 1000, finding: { ...finding, violations: result.violations, fingerprint: result.fingerprint } };
    const dir = path.dirname(args.html);
    const written = writeOutputs(path.join(dir, `${path.basename(args.html, ".html")}-files`), suiteResults([single]));
    fs.copyFileSync(written, args.html);
    out.write(`html:        ${args.html}\n`);
  }
  if (args.save !== undefined) {
    fs.writeFileSync(args.save, exportRegression(scenario, finding));
    out.write(`saved:       ${args.save} (run it with: npx ksim run ${args.save})\n`);
  }
  if (!replay.exact) return ExitCode.HARNESS_FAILED;
  return decisiveViolations(scenario, result.violations).length > 0 ? ExitCode.EXPECTATION_FAILED : ExitCode.OK;
}

function checkOutputFiles(args: ReplayArgs): void {
  if (args.trace !== undefined) checkOutputFile(args.trace, "--trace");
  if (args.html !== undefined) checkOutputFile(args.html, "--html");
  if (args.save !== undefined) checkOutputFile(args.save, "--save");
}

/** A finding file names its scenario, seed and path; options naming others would be silently ignored. */
function rejectSeedAndPathOptions(findingFile: string, args: ReplayArgs): void {
  const given = (["scenario", "seed", "path"] as const).filter((option) => args[option] !== undefined);
  if (given.length === 0) return;
  const options = given.map((option) => `--${option}`).join(", ");
  throw new CliError(
    `replay takes a finding file or --scenario, --seed and --path, not both: ${findingFile} already names them (drop ${options})`,
    ExitCode.BAD_INPUT,
  );
}

function fromFile(file: string): { scenario: Scenario; finding: Finding } {
  const finding: Finding = readJsonInput(file, findingSchema, "finding file");
  return { scenario: findingScenario(file, finding), finding };
}

/** Regenerates the counterexample fast-check reaches at `path` from `seed`, without shrinking again. */
function fromSeedAndPath(args: ReplayArgs): { scenario: Scenario; finding: Finding } {
  if (args.scenario === undefined || args.seed === undefined || args.path === undefined) {
    throw new CliError("replay needs a finding file, or all of --scenario, --seed and --path", ExitCode.BAD_INPUT);
  }
  const seed = fastCheckSeed(args.seed, "--seed");
  fastCheckPath(args.path, "--path");
  const scenario = loadScenarioFile(args.scenario);
  let found: RunInput | undefined;
  fc.check(
    fc.property(runInputArbitrary(scenario), (input) => {
      found = input;
      return false; // the path names the counterexample: stop at it
    }),
    { seed, path: args.path, endOnFailure: true, numRuns: 1 },
  );
  if (found === undefined) throw new CliError(`--path ${args.path} names no run of this scenario`, ExitCode.BAD_INPUT);
  const runScenario = scenarioForRun(scenario, found.swarm);
  const faults = faultsForRun(runScenario, found.generated);
  const result = runOnce(runScenario, found.seed, faults);
  return {
    scenario,
    finding: {
      scenario: scenario.name,
      contentHash: scenario.contentHash,
      scenarioPath: scenario.sourcePath,
      fastCheckSeed: seed,
      fastCheckPath: args.path,
      counterexample: { seed: found.seed, faults, ...(Object.keys(found.swarm).length > 0 ? { swarmChoices: found.swarm } : {}) },
      fingerprint: result.fingerprint,
      violations: result.violations,
      runsToFind: 0,
      faultsBeforeShrink: faults.length,
      wallMsToFind: 0,
      wallMsToShrink: 0,
      replayCommand: replayCommandFor(scenario.sourcePath, seed, args.path),
    },
  };
}
