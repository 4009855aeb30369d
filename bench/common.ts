/** What every benchmark group shares: options from the command line, machine facts, result files. */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { ChildInput, ChildOutput } from "./scenarioChild";

export interface BenchOptions {
  /** Events (or operations) to measure; each group has its own default. */
  events?: number;
  /** Stamped into the result file when given; otherwise results carry no date. */
  date?: string;
  /** Smaller sizes (fewer seeds, runs or records) for a quick look; results say so. */
  quick?: boolean;
  /** Child processes write V8 CPU profiles (`--cpu-prof`) into this folder. */
  profileDir?: string;
  /** The cluster and scale children write a sampling heap profile (live at the loop's end) here. */
  heapProfileDir?: string;
}

/** Where a child should write its heap profile, if `--heap-profile` asked for one. */
export function heapProfilePath(options: BenchOptions, name: string): { heapProfilePath?: string } {
  if (options.heapProfileDir === undefined) return {};
  mkdirSync(options.heapProfileDir, { recursive: true });
  return { heapProfilePath: join(options.heapProfileDir, `${name}.heapprofile`) };
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return { cpuModel: list[0]?.model.trim() ?? "unknown", cores: list.length, node: process.version };
}

export const RESULTS_DIR = join(__dirname, "results");
export const REPO_ROOT = join(__dirname, "..");

let resultsDisabled = false;

/** Profiled runs are slower than real ones: run.ts turns result files off while profiling. */
export function disableResultFiles(): void {
  resultsDisabled = true;
}

export function writeResult(group: string, result: object): string {
  if (resultsDisabled) {
    process.stdout.write(`  (profiling: bench/results/${group}.json not written)\n`);
    return "";
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  // A --quick run must not overwrite the full figures.
  const quick = (result as { quick?: boolean }).quick === true;
  const path = join(RESULTS_DIR, quick ? `${group}.quick.json` : `${group}.json`);
  writeFileSync(path, JSON.stringify(result, null, 2) + "\n");
  return path;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function maxOf(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.max(...values);
}

/** Rounds to `digits` decimals (for result files: no false precision). */
export function round(value: number, digits = 0): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function fmt(value: number, digits = 0): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function mib(bytes: number): number {
  return round(bytes / (1024 * 1024), 1);
}

/**
 * Node flags for child processes: with `--profile`, each writes a CPU profile. (V8 refuses
 * --cpu-prof in NODE_OPTIONS, so they go on the command line; `fork` passes them on to workers.)
 */
export function profileArgs(options: BenchOptions): string[] {
  if (options.profileDir === undefined) return [];
  mkdirSync(options.profileDir, { recursive: true });
  return ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`];
}

export interface TimedProcess {
  /** Wall time from spawn to exit, measured here: process start-up included. */
  wallMs: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` to completion in a fresh process and times it from the outside. */
export function runNode(
  args: readonly string[],
  options: BenchOptions,
  timeoutMs = 10 * 60_000,
): TimedProcess {
  const startMs = performance.now();
  const child = spawnSync(process.execPath, [...profileArgs(options), ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  const wallMs = performance.now() - startMs;
  if (child.error !== undefined) throw child.error;
  return { wallMs, status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Like runNode, without blocking: for processes that must run at the same time. */
export function runNodeAsync(args: readonly string[], options: BenchOptions): Promise<TimedProcess> {
  return new Promise((resolve, reject) => {
    const startMs = performance.now();
    const child = spawn(process.execPath, [...profileArgs(options), ...args], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ wallMs: performance.now() - startMs, status, stdout, stderr }));
  });
}

/** The module that lets a child run TypeScript directly, as bin/ksim.js does (sucrase, no type check). */
export const TS_REGISTER = require.resolve("../bin/register");

/** ksim's V8 flags (bin/nodeFlags.js): a scenario child runs as a `ksim run` worker does. */
const { NODE_FLAGS } = require("../bin/nodeFlags") as { NODE_FLAGS: readonly string[] };

/** Runs bench/scenarioChild.ts in a fresh process, with ksim's V8 flags, and returns what it measured. */
export function runScenarioChild(
  input: ChildInput,
  options: BenchOptions,
  timeoutMs = 10 * 60_000,
): ChildOutput & { processWallMs: number } {
  const dir = mkdtempSync(join(tmpdir(), "ksim-bench-"));
  try {
    const inputPath = join(dir, "input.json");
    writeFileSync(inputPath, JSON.stringify(input));
    const child = runNode(
      [...NODE_FLAGS, "-r", TS_REGISTER, join(__dirname, "scenarioChild.ts"), inputPath],
      options,
      timeoutMs,
    );
    const lastLine = child.stdout.trim().split("\n").pop() ?? "";
    if (child.status !== 0 || !lastLine.startsWith("{")) {
      throw new Error(`bench child failed (status ${child.status}):\n${child.stderr.slice(-4000)}`);
    }
    return { ...(JSON.parse(lastLine) as ChildOutput), processWallMs: child.wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a result file starts with: the machine, the code measured and, when given, the date. */
export interface ResultHeader {
  machine: MachineInfo;
  source: ReturnType<typeof sourceInfo>;
  date?: string;
}

export function resultHeader(options: BenchOptions): ResultHeader {
  return {
    machine: machineInfo(),
    source: sourceInfo(),
    ...(options.date === undefined ? {} : { date: options.date }),
  };
}

/** The code measured: HEAD's commit, and whether src/ differed from it (others may be editing). */
export function sourceInfo(): { commit: string; srcModified: boolean } {
  const git = (args: string[]): string =>
    spawnSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  return {
    commit: git(["rev-parse", "HEAD"]) || "unknown",
    srcModified: git(["status", "--porcelain", "--", "src", "bin"]) !== "",
  };
}
