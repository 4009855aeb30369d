/**
 * What a scenario asserts: a check name from checkers.md, or — for the two anomalies that can show
 * in the log or in a consumer group's sink — the name scoped to one of them (`lost-write:sink`).
 */
import { CHECK_NAMES, type CheckName } from "../checkers/violation";

export const CHECK_SCOPES = ["log", "sink"] as const;
export type CheckScope = (typeof CHECK_SCOPES)[number];

export const SCOPED_CHECKS = ["lost-write", "duplicate"] as const;
type ScopedCheck = (typeof SCOPED_CHECKS)[number];

export type CheckSpec = CheckName | `${ScopedCheck}:${CheckScope}`;

/** Every spelling a scenario may use, unscoped names first. */
export const CHECK_SPECS: readonly CheckSpec[] = [
  ...CHECK_NAMES,
  ...SCOPED_CHECKS.flatMap((check) => CHECK_SCOPES.map((scope): CheckSpec => `${check}:${scope}`)),
];

export function isCheckSpec(text: string): text is CheckSpec {
  return (CHECK_SPECS as readonly string[]).includes(text);
}

export interface SplitCheckSpec {
  readonly check: CheckName;
  /** Absent: both the log and the sink. */
  readonly scope?: CheckScope;
}

export function splitCheckSpec(spec: CheckSpec): SplitCheckSpec {
  const [check, scope] = spec.split(":") as [CheckName, CheckScope | undefined];
  return scope === undefined ? { check } : { check, scope };
}

/** Whether asserting `asserted` covers what `expected` names (an unscoped check covers both scopes). */
export function checkCovers(asserted: CheckSpec, expected: CheckSpec): boolean {
  const a = splitCheckSpec(asserted);
  const e = splitCheckSpec(expected);
  return a.check === e.check && (a.scope === undefined || a.scope === e.scope);
}
