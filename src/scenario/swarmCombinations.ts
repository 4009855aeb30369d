/**
 * Whether any combination of a swarm's alternatives makes a valid scenario. Each alternative is
 * validated alone, and a run whose combination conflicts (acks=1 with enable.idempotence=true) is
 * discarded — so if every combination conflicts, no run would ever execute and nothing would be
 * tested. That is bad input, found here before anything runs.
 */
import { describeRaw } from "../config/configKey";
import { formatPath, type PendingIssue } from "./issuePath";
import type { SwarmSpec, SwarmValue } from "./scenario";

/**
 * Combinations tried at validation: the search stops at the first valid one, so this bounds only
 * a swarm whose combinations nearly all conflict. Beyond it the runner still refuses to report a
 * scenario in which no run executed as a pass.
 */
export const SWARM_COMBINATIONS_CHECKED_MAX = 256;

export type SwarmChoices = Readonly<Record<string, SwarmValue>>;

/** Every combination, first alternatives first (the last key varies fastest). */
function* combinationsOf(swarm: SwarmSpec): Generator<SwarmChoices> {
  const entries = Object.entries(swarm);
  const picks = entries.map(() => 0);
  for (;;) {
    yield Object.fromEntries(entries.map(([key, alternatives], i) => [key, alternatives[picks[i]!]!]));
    let i = entries.length - 1;
    while (i >= 0 && picks[i] === entries[i]![1].length - 1) picks[i--] = 0;
    if (i < 0) return;
    picks[i]!++;
  }
}

function describeChoices(choices: SwarmChoices): string {
  return Object.entries(choices)
    .map(([key, value]) => `${key} = ${describeRaw(value)}`)
    .join(", ");
}

/**
 * An issue when no combination is valid; `issuesWith` validates the scenario as one combination
 * makes it. A swarm with more combinations than the bound is left to the runner.
 */
export function noValidCombinationIssues(
  swarm: SwarmSpec,
  issuesWith: (choices: SwarmChoices) => readonly PendingIssue[],
): PendingIssue[] {
  const keys = Object.keys(swarm);
  const total = Object.values(swarm).reduce((product, alternatives) => product * alternatives.length, 1);
  if (keys.length < 2 || total > SWARM_COMBINATIONS_CHECKED_MAX) return [];
  let example: string | undefined;
  for (const choices of combinationsOf(swarm)) {
    const [first] = issuesWith(choices);
    if (first === undefined) return [];
    example ??= `with ${describeChoices(choices)}: ${formatPath(first.path)}: ${first.message}`;
  }
  const which = total === 1 ? "the only one conflicts" : `all ${total} conflict`;
  const message =
    `no combination of the swarm's alternatives makes a valid scenario, so no run could execute ` +
    `(${which}; e.g. ${example})`;
  return [{ path: ["swarm", keys[0]!], message, at: "key" }];
}
