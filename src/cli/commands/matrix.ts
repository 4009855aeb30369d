/** `ksim matrix [--runs N]`: the guarantee matrix across configurations, with the claims it confirms or refutes. */
import * as fs from "node:fs";
import * as path from "node:path";
import { judgeClaims } from "../../matrix/claims";
import { renderMatrix } from "../../matrix/renderMatrix";
import { runMatrix } from "../../matrix/runMatrix";
import { positiveInt } from "../argParsers";
import { ExitCode } from "../exitCodes";
import { checkOutputFolder } from "../outputPaths";
import { DEFAULT_SUITE_SEED, scenarioSeed } from "../seeds";
import { yieldToEventLoop } from "../suiteRunner";

export const DEFAULT_MATRIX_RUNS = 10;

export async function matrixCommand(args: { runs?: string; seed?: string; out?: string }): Promise<number> {
  const runs = args.runs !== undefined ? positiveInt(args.runs, "--runs") : DEFAULT_MATRIX_RUNS;
  const outDir = args.out ?? path.join("reports", "matrix");
  checkOutputFolder(outDir, "--out");
  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
  };
  process.on("SIGINT", onInterrupt);
  const rows = await runMatrix({
    runs,
    fastCheckSeed: scenarioSeed(args.seed ?? DEFAULT_SUITE_SEED, "matrix"),
    wallClockMs: () => performance.now(),
    betweenRuns: yieldToEventLoop,
    interrupted: () => interrupted,
    onCell: (done, total) => process.stderr.write(`matrix: ${done}/${total} cells\n`),
  });
  process.off("SIGINT", onInterrupt);
  const claims = judgeClaims(rows);
  const markdown = renderMatrix(rows, claims, runs);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "matrix.md"), markdown);
  fs.writeFileSync(path.join(outDir, "matrix.json"), JSON.stringify({ runs, rows, claims }, null, 2) + "\n");
  process.stdout.write(`${markdown}\nmatrix: ${path.join(outDir, "matrix.md")}\n`);
  return interrupted ? ExitCode.INTERRUPTED : ExitCode.OK;
}
