/**
 * `--shard i/n`: scenario j belongs to shard (j mod n) + 1, in the sorted order the suite loads
 * them, so n machines can share a sweep and `ksim report` merges their results into one.
 */
import type { Scenario } from "../scenario/scenario";
import { CliError, ExitCode } from "./exitCodes";

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new CliError(`--shard must be i/n with 1 ≤ i ≤ n, e.g. 1/2 (got "${text}")`, ExitCode.BAD_INPUT);
  }
  return { index, count };
}

export function selectShard(scenarios: readonly Scenario[], shard: Shard | undefined): Scenario[] {
  if (shard === undefined) return [...scenarios];
  return scenarios.filter((_, j) => j % shard.count === shard.index - 1);
}
