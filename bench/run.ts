/**
 * `npm run bench [group…] [--events N] [--date YYYY-MM-DD] [--quick] [--profile DIR] [--heap-profile DIR]`: runs the
 * named benchmark groups, or every group present, in sequence. A group is a module
 * `bench/<group>.ts` exporting `run(options)` (it may return a promise); it prints its figures and
 * writes `bench/results/<group>.json`. `--quick` runs smaller sizes; `--profile DIR` makes the
 * child processes a group starts write V8 CPU profiles there; `--heap-profile DIR` makes the
 * cluster and scale children write a sampling heap profile of what is live when the simulation
 * loop ends. Summarise either with `node -r ts-node/register bench/profileSummary.ts <file>`.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { disableResultFiles, type BenchOptions } from "./common";

/** Known groups, in the order `npm run bench` runs them; a group runs only once its file exists. */
const GROUPS = ["kernel", "cluster", "checkers", "detect", "throughput", "scale"] as const;

interface BenchModule {
  run(options: BenchOptions): unknown;
}

function usage(message: string): never {
  process.stderr.write(
    `bench: ${message}\nusage: npm run bench -- [${GROUPS.join("|")}…] [--events N] [--date YYYY-MM-DD] [--quick] [--profile DIR] [--heap-profile DIR]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { groups: string[]; options: BenchOptions } {
  const options: BenchOptions = {};
  const groups: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--events") {
      const events = Number(argv[++i]);
      if (!Number.isInteger(events) || events <= 0)
        usage(`--events needs a positive integer, got "${argv[i]}"`);
      options.events = events;
    } else if (arg === "--date") {
      const date = argv[++i];
      if (date === undefined) usage("--date needs a value");
      options.date = date;
    } else if (arg === "--quick") {
      options.quick = true;
    } else if (arg === "--profile") {
      const dir = argv[++i];
      if (dir === undefined) usage("--profile needs a folder");
      options.profileDir = resolve(dir);
    } else if (arg === "--heap-profile") {
      const dir = argv[++i];
      if (dir === undefined) usage("--heap-profile needs a folder");
      options.heapProfileDir = resolve(dir);
    } else if (arg.startsWith("-")) {
      usage(`unknown option "${arg}"`);
    } else {
      groups.push(arg);
    }
  }
  return { groups, options };
}

function groupPath(group: string): string {
  return join(__dirname, `${group}.ts`);
}

async function main(): Promise<void> {
  const { groups: requested, options } = parseArgs(process.argv.slice(2));
  for (const group of requested) {
    if (!(GROUPS as readonly string[]).includes(group)) usage(`unknown group "${group}"`);
    if (!existsSync(groupPath(group))) usage(`group "${group}" has no bench/${group}.ts yet`);
  }
  if (options.profileDir !== undefined || options.heapProfileDir !== undefined) disableResultFiles();
  const groups = requested.length > 0 ? requested : GROUPS.filter((group) => existsSync(groupPath(group)));
  for (const group of groups) {
    process.stdout.write(`== bench ${group}\n`);
    const module = require(groupPath(group)) as BenchModule;
    const startMs = performance.now();
    await module.run(options);
    process.stdout.write(
      `== bench ${group} done in ${((performance.now() - startMs) / 1000).toFixed(1)} s wall\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
