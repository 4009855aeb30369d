/**
 * `npm run bench [group] [--events N] [--date YYYY-MM-DD]`: runs one benchmark group, or every
 * group present. A group is a module `bench/<group>.ts` exporting `run(options)`; it prints its
 * figures and writes `bench/results/<group>.json`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BenchOptions } from "./common";

/** Known groups, in the order `npm run bench` runs them; a group runs only once its file exists. */
const GROUPS = ["kernel", "cluster", "detect", "throughput", "scale"] as const;

interface BenchModule {
  run(options: BenchOptions): unknown;
}

function usage(message: string): never {
  process.stderr.write(
    `bench: ${message}\nusage: npm run bench -- [${GROUPS.join("|")}] [--events N] [--date YYYY-MM-DD]\n`,
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

function main(): void {
  const { groups: requested, options } = parseArgs(process.argv.slice(2));
  for (const group of requested) {
    if (!(GROUPS as readonly string[]).includes(group)) usage(`unknown group "${group}"`);
    if (!existsSync(groupPath(group))) usage(`group "${group}" has no bench/${group}.ts yet`);
  }
  const groups = requested.length > 0 ? requested : GROUPS.filter((group) => existsSync(groupPath(group)));
  for (const group of groups) {
    process.stdout.write(`== bench ${group}\n`);
    const module = require(groupPath(group)) as BenchModule;
    module.run(options);
  }
}

main();
