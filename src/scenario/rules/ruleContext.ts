/**
 * What a cross-field rule sees: the assembled scenario, the parsed config blocks (to know which
 * keys the file set, and so where to point) and the raw data. A rule returns every issue it finds.
 */
import type { ConfigBlocks } from "../configBlocks";
import { formatPath, type PendingIssue } from "../issuePath";
import type { Scenario } from "../scenario";

export interface RuleContext {
  readonly scenario: Scenario;
  readonly blocks: ConfigBlocks;
}

export type Rule = (context: RuleContext) => PendingIssue[];

/** `"orders"` → ` (did you mean "orders"?)` or ` (topics are a, b)`: the hint for an unknown name. */
export function nameHint(guess: string | undefined, what: string, known: readonly string[]): string {
  if (guess !== undefined) return ` (did you mean "${guess}"?)`;
  return known.length === 0 ? ` (the scenario has no ${what})` : ` (${what} are ${known.join(", ")})`;
}

/** Issues for every repeat of a name in `names`, pointing at the repeat. */
export function duplicateNames(
  names: readonly string[],
  pathOf: (index: number) => PendingIssue["path"],
  what: string,
): PendingIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: PendingIssue[] = [];
  names.forEach((name, index) => {
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else
      issues.push({
        path: pathOf(index),
        message: `${what} "${name}" is already defined at ${formatPath(pathOf(first))}`,
      });
  });
  return issues;
}
