/**
 * Detection benchmark (issue 7.1): how fast the harness finds each catalog bug and shrinks it.
 *
 * For every `scenarios/catalog/*.unsafe.yaml` (as written: no schedule, only its generate block)
 * and each of 5 suite seeds, a fresh `node bin/ksim.js run <file> --seed <s> --json --out <tmp>`
 * process — start-up, module loading and report writing included — timed from the outside, with
 * the runs and in-process times to the first violation and to the end of shrinking read from its
 * results (`finding.runsToFind`, `wallMsToFind`, `wallMsToShrink`).
 *
 * Fresh-process time to detect: the process's wall time minus its shrinking time, i.e. start-up +
 * search + report writing + exit. The report is written after shrinking, so this is an upper bound
 * on "start to first violation"; `start-up + wallMsToFind` (start-up measured as a fresh
 * `ksim list <file>`, median of 3) is printed beside it as an estimate.
 *
 * Targets (issue 7.1): per entry, median detection < 5 s (fresh process) and < 500 runs;
 * shrinking < 30 s.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SuiteResults } from "../src/harness/findings";
import {
  type BenchOptions,
  fmt,
  maxOf,
  median,
  REPO_ROOT,
  resultHeader,
  round,
  runNode,
  writeResult,
} from "./common";

const SEEDS = ["1", "2", "3", "4", "5"];
const QUICK_SEEDS = ["1", "2"];
const TARGET_DETECT_MS = 5000;
const TARGET_RUNS = 500;
const TARGET_SHRINK_MS = 30_000;
const PROCESS_TIMEOUT_MS = 180_000;
const KSIM = join(REPO_ROOT, "bin", "ksim.js");

interface SeedMeasurement {
  seed: string;
  exitCode: number | null;
  verdict: string;
  found: boolean;
  /** Runs until the first violation; null when none of the scenario's runs found the bug. */
  runsToFind: number | null;
  /** Runs the property did (the scenario's budget when nothing was found). */
  runsDone: number;
  wallMsToFind: number | null;
  wallMsToShrink: number | null;
  /** The property's own wall time (find + shrink + replay of the shrunk case). */
  propertyWallMs: number;
  processWallMs: number;
  /** processWallMs − wallMsToShrink: start-up + search + report writing (upper bound); null if not found. */
  freshDetectMs: number | null;
  faultsBeforeShrink: number;
  faultsAfterShrink: number;
}

interface EntrySummary {
  file: string;
  scenario: string;
  seeds: SeedMeasurement[];
  found: number;
  /** Over the seeds; a seed that found nothing counts as infinitely slow (null when it decides). */
  runsToFind: Stats;
  freshDetectMs: Stats;
  estimatedDetectMs: Stats;
  inProcessDetectMs: Stats;
  /** Over the seeds that found the bug. */
  shrinkMs: Stats;
  processWallMs: Stats;
  /** Medians over the seeds for detection and runs (as issue 7.1 words it); the max for shrinking. */
  targets: { detectUnder5s: boolean; runsUnder500: boolean; shrinkUnder30s: boolean };
}

function measure(file: string, seed: string, options: BenchOptions): SeedMeasurement {
  const out = mkdtempSync(join(tmpdir(), "ksim-detect-"));
  try {
    const child = runNode(
      [KSIM, "run", file, "--seed", seed, "--json", "--out", out],
      options,
      PROCESS_TIMEOUT_MS,
    );
    let suite: SuiteResults;
    try {
      suite = JSON.parse(child.stdout) as SuiteResults;
    } catch {
      throw new Error(
        `ksim run ${file} --seed ${seed}: exit ${child.status}, no JSON on stdout:\n${child.stderr.slice(-2000)}`,
      );
    }
    const result = suite.scenarios[0]!;
    const finding = result.finding;
    const found = finding !== undefined;
    return {
      seed,
      exitCode: child.status,
      verdict: result.verdict,
      found,
      runsToFind: finding === undefined ? null : finding.runsToFind,
      runsDone: result.runs,
      wallMsToFind: finding === undefined ? null : round(finding.wallMsToFind),
      wallMsToShrink: finding === undefined ? null : round(finding.wallMsToShrink),
      propertyWallMs: round(result.wallMs),
      processWallMs: round(child.wallMs),
      freshDetectMs: finding === undefined ? null : round(child.wallMs - finding.wallMsToShrink),
      faultsBeforeShrink: finding?.faultsBeforeShrink ?? 0,
      faultsAfterShrink: finding?.counterexample.faults.length ?? 0,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A fresh process that loads every module and parses the scenario, then exits: ksim's start-up. */
function startupMs(file: string, options: BenchOptions): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push(runNode([KSIM, "list", file], options).wallMs);
  return median(times);
}

interface Stats {
  /** null: infinite (the median or max falls on a seed that found nothing). */
  median: number | null;
  max: number | null;
}

/** Median and max, a missing value (nothing found) counting as +infinity. */
function stats(values: readonly (number | null)[]): Stats {
  const finite = (x: number): number | null => (Number.isFinite(x) ? round(x) : null);
  const numbers = values.map((v) => v ?? Infinity);
  return { median: finite(median(numbers)), max: finite(maxOf(numbers)) };
}

/** Median and max over the values present. */
function statsPresent(values: readonly (number | null)[]): Stats {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0
    ? { median: null, max: null }
    : { median: round(median(present)), max: round(maxOf(present)) };
}

const below = (value: number | null, limit: number): boolean => value !== null && value < limit;
const show = (value: number | null): string => (value === null ? "none" : fmt(value));

export function run(options: BenchOptions): object {
  const seeds = options.quick ? QUICK_SEEDS : SEEDS;
  const catalog = join(REPO_ROOT, "scenarios", "catalog");
  const files = readdirSync(catalog)
    .filter((name) => name.endsWith(".unsafe.yaml"))
    .sort();
  const startup = startupMs(join(catalog, files[0]!), options);
  process.stdout.write(
    `detect: ${files.length} catalog *.unsafe.yaml x ${seeds.length} suite seeds (${seeds.join(", ")}), one fresh \`ksim run <file> --seed <s> --json --out <tmp>\` each\n` +
      `  ksim start-up (fresh \`ksim list <file>\`, median of 3): ${fmt(startup)} ms\n` +
      `  fresh detect = process wall - shrink time (start-up + search + report writing; upper bound); est = start-up + in-process time to find\n` +
      `  ${"entry".padEnd(30)} ${"found".padStart(5)} ${"runs med/max".padStart(13)} ${"fresh detect ms med/max".padStart(24)} ${"est ms med".padStart(10)} ${"shrink ms med/max".padStart(18)} ${"process ms med".padStart(14)}\n`,
  );
  const entries: EntrySummary[] = [];
  for (const name of files) {
    const file = join(catalog, name);
    const measured = seeds.map((seed) => measure(file, seed, options));
    const entry: EntrySummary = {
      file: `scenarios/catalog/${name}`,
      scenario: name.replace(/\.yaml$/, ""),
      seeds: measured,
      found: measured.filter((m) => m.found).length,
      runsToFind: stats(measured.map((m) => m.runsToFind)),
      freshDetectMs: stats(measured.map((m) => m.freshDetectMs)),
      estimatedDetectMs: stats(
        measured.map((m) => (m.wallMsToFind === null ? null : startup + m.wallMsToFind)),
      ),
      inProcessDetectMs: stats(measured.map((m) => m.wallMsToFind)),
      shrinkMs: statsPresent(measured.map((m) => m.wallMsToShrink)),
      processWallMs: statsPresent(measured.map((m) => m.processWallMs)),
      targets: { detectUnder5s: false, runsUnder500: false, shrinkUnder30s: false },
    };
    entry.targets = {
      detectUnder5s: below(entry.freshDetectMs.median, TARGET_DETECT_MS),
      runsUnder500: below(entry.runsToFind.median, TARGET_RUNS),
      shrinkUnder30s: entry.found > 0 && below(entry.shrinkMs.max, TARGET_SHRINK_MS),
    };
    entries.push(entry);
    const pair = (s: Stats): string => `${show(s.median)}/${show(s.max)}`;
    process.stdout.write(
      `  ${entry.scenario.padEnd(30)} ${`${entry.found}/${measured.length}`.padStart(5)} ${pair(entry.runsToFind).padStart(13)} ${pair(entry.freshDetectMs).padStart(24)} ${show(entry.estimatedDetectMs.median).padStart(10)} ${pair(entry.shrinkMs).padStart(18)} ${show(entry.processWallMs.median).padStart(14)}\n`,
    );
  }
  const worstOf = (pick: (e: EntrySummary) => number | null): number | null => {
    const values = entries.map((e) => pick(e) ?? Infinity);
    const worst = maxOf(values);
    return Number.isFinite(worst) ? worst : null;
  };
  const worst = {
    freshDetectMedianMs: worstOf((e) => e.freshDetectMs.median),
    runsToFindMedian: worstOf((e) => e.runsToFind.median),
    runsToFindMax: worstOf((e) => e.runsToFind.max),
    shrinkMaxMs: worstOf((e) => e.shrinkMs.max),
  };
  const misses = entries.flatMap((e) =>
    e.seeds
      .filter((m) => !m.found)
      .map((m) => `${e.scenario} seed ${m.seed} found nothing in ${m.runsDone} runs`),
  );
  const targets = {
    medianDetectUnder5sEveryEntry: entries.every((e) => e.targets.detectUnder5s),
    under500RunsEveryEntry: entries.every((e) => e.targets.runsUnder500),
    shrinkUnder30sEveryEntry: entries.every((e) => e.targets.shrinkUnder30s),
  };
  const yes = (met: boolean): string => (met ? "met" : "MISSED");
  process.stdout.write(
    [
      ...(misses.length > 0
        ? [`  not found (counted as infinitely slow in medians and maxima): ${misses.join("; ")}`]
        : []),
      `  worst entry: median fresh detect ${show(worst.freshDetectMedianMs)} ms (target < ${fmt(TARGET_DETECT_MS)}: ${yes(targets.medianDetectUnder5sEveryEntry)}), ` +
        `median runs to find ${show(worst.runsToFindMedian)} (max over seeds ${show(worst.runsToFindMax)}; target < ${TARGET_RUNS}: ${yes(targets.under500RunsEveryEntry)}), ` +
        `shrink max ${show(worst.shrinkMaxMs)} ms (target < ${fmt(TARGET_SHRINK_MS)}: ${yes(targets.shrinkUnder30sEveryEntry)})`,
      "",
    ].join("\n"),
  );
  const result = {
    ...resultHeader(options),
    ...(options.quick ? { quick: true } : {}),
    seeds,
    startupMs: round(startup),
    method:
      "fresh `node bin/ksim.js run <file> --seed <s> --json --out <tmp>` per entry and seed, timed from spawn to exit; freshDetectMs = process wall - finding.wallMsToShrink (start-up + search + report writing: an upper bound); estimatedDetectMs = start-up (fresh `ksim list`) + finding.wallMsToFind",
    targets: { detectMedianMs: TARGET_DETECT_MS, runs: TARGET_RUNS, shrinkMs: TARGET_SHRINK_MS, ...targets },
    worst,
    notFound: misses,
    entries,
  };
  writeResult("detect", result);
  return result;
}
