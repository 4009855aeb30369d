/**
 * The `ksim` command line. Every failure ends in a message and an exit code — 0 every expectation
 * met, 1 an expectation failed, 2 bad input, 3 the harness itself failed — never a stack trace for
 * bad input.
 */
import { Command, CommanderError, Option } from "commander";
import { ScenarioError } from "../scenario/scenarioError";
import { ClusterSpecError } from "../cluster/validateClusterSpec";
import { demoCommand } from "./commands/demo";
import { listCommand } from "./commands/list";
import { matrixCommand } from "./commands/matrix";
import { replayCommand } from "./commands/replay";
import { reportCommand } from "./commands/report";
import { runCommand } from "./commands/run";
import { CliError, ExitCode } from "./exitCodes";
import { InputFileError } from "./inputFileError";
import { runWorker } from "./worker";

const EXIT_CODES_HELP = `
Exit codes:
  0  every expectation met
  1  an expectation failed (a "hold" scenario was violated, or a "violate" one found nothing)
  2  bad input (arguments, scenario files, replay files)
  3  the harness itself failed
  130 stopped by Ctrl-C (what finished is still written)`;

export function buildProgram(done: (code: number) => void): Command {
  const program = new Command("ksim")
    .description("Deterministic fault-injection test harness for Kafka-style systems")
    .addHelpText("after", EXIT_CODES_HELP)
    .exitOverride()
    .showHelpAfterError();
  program
    .command("run")
    .description("run property suites over scenarios (files or folders; default scenarios/) and write the report")
    .argument("[paths...]", "scenario files or folders")
    .option("--runs <n>", "runs per scenario (overrides each scenario's runs; env KSIM_RUNS too)")
    .option("--seed <seed>", "suite seed: each scenario's fast-check seed derives from it and the scenario name")
    .option("--workers <k>", "worker processes (results do not depend on it)", "1")
    .option("--shard <i/n>", "run only the i-th of n shares of the scenarios")
    .option("--out <dir>", "report folder", "reports/latest")
    .option("--json", "print results.json to stdout instead of the table")
    .action(async (paths: string[], options) => done(await runCommand(paths, options)));
  program
    .command("replay")
    .description("re-run one counterexample exactly: from a finding file, or --scenario/--seed/--path")
    .argument("[finding]", "a finding JSON file written by ksim run")
    .option("--scenario <file>", "the scenario file")
    .option("--seed <n>", "fast-check seed")
    .option("--path <path>", "fast-check path of the counterexample")
    .option("--trace <file>", "write the full trace (JSON lines)")
    .option("--html <file>", "write a one-run HTML report")
    .option("--save <file.yaml>", "write a regression scenario with the counterexample as its schedule")
    .action((finding: string | undefined, options) => done(replayCommand(finding, options)));
  program
    .command("report")
    .description("rebuild reports from results.json files, merging shards")
    .argument("<results...>", "results.json files")
    .option("--out <dir>", "report folder", "reports/latest")
    .action((files: string[], options) => done(reportCommand(files, options)));
  program
    .command("matrix")
    .description("run one fault generator across a grid of configurations and report which guarantees hold")
    .option("--runs <n>", "runs per cell and guarantee", "10")
    .option("--seed <seed>", "fast-check seed derivation")
    .option("--out <dir>", "where matrix.md and matrix.json go", "reports/matrix")
    .action(async (options) => done(await matrixCommand(options)));
  program
    .command("list")
    .description("list scenarios with their descriptions and expectations")
    .argument("[paths...]", "scenario files or folders")
    .action((paths: string[]) => done(listCommand(paths)));
  program
    .command("demo")
    .description("a small ping-pong simulation: prints its fingerprint and network statistics")
    .addOption(new Option("--seed <seed>", "simulation seed").default("demo"))
    .action((options) => done(demoCommand(options.seed)));
  program.command("__worker", { hidden: true }).action(() => runWorker());
  return program;
}

export function main(argv: readonly string[]): void {
  // `ksim list | head` closes the pipe early: stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(ExitCode.OK);
      throw error;
    });
  }
  const finish = (code: number): void => {
    process.exitCode = code;
  };
  const program = buildProgram(finish);
  program.parseAsync(["node", "ksim", ...argv]).catch((error: unknown) => finish(handleError(error)));
}

export function handleError(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? ExitCode.OK : ExitCode.BAD_INPUT; // commander already printed usage or help
  }
  if (error instanceof ScenarioError || error instanceof ClusterSpecError || error instanceof InputFileError) {
    process.stderr.write(`${error.message}\n`);
    return ExitCode.BAD_INPUT;
  }
  if (error instanceof CliError) {
    const hint = error.exitCode === ExitCode.BAD_INPUT ? "\n(run ksim --help, or ksim <command> --help, for usage)" : "";
    process.stderr.write(`ksim: ${error.message}${hint}\n`);
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`ksim: internal error (a bug in ksim; please report it):\n${text}\n`);
  return ExitCode.HARNESS_FAILED;
}
