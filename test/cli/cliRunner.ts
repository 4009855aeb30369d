/** Runs the real `ksim` binary in a child process, as a user would. */
import { spawnSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const KSIM = path.join(__dirname, "..", "..", "bin", "ksim.js");

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function ksim(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [KSIM, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function ksimAsync(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [KSIM, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ksim-${name}-`));
}

/** results.json without what legitimately varies between runs (wall-clock timings). */
export function comparableResults(file: string): unknown {
  const results = JSON.parse(fs.readFileSync(file, "utf8")) as { scenarios: Record<string, unknown>[] };
  return results.scenarios.map((scenario) => {
    const { wallMs: _wallMs, finding, ...rest } = scenario as { wallMs: number; finding?: Record<string, unknown> };
    if (finding === undefined) return rest;
    const { wallMsToFind: _a, wallMsToShrink: _b, ...stableFinding } = finding;
    return { ...rest, finding: stableFinding };
  });
}

/** A copy of a JSON file with one change, in a temporary file: how ksim takes a corrupted or edited file. */
export function editedCopy<T>(file: string, name: string, change: (data: T) => void): string {
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as T;
  change(data);
  const copy = path.join(tempDir("edited"), `${name}.json`);
  fs.writeFileSync(copy, JSON.stringify(data));
  return copy;
}
