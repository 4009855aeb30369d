/**
 * zod's issues rewritten for people: what was found, what is allowed, and a guess when a name is
 * misspelt. One zod issue about several unknown keys becomes one issue per key, each pointing at
 * its key.
 */
import type { z } from "zod";
import { describeRaw } from "../config/configKey";
import { didYouMean, didYouMeanSuffix } from "../config/didYouMean";
import type { PathSegment, PendingIssue } from "./issuePath";
import { allowedKeysAt, isIntegerSchema, schemaAt } from "./schemaKeys";

type Issue = z.core.$ZodIssue;

const EXPECTED_TEXT: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

function inputOf(issue: Issue): unknown {
  return (issue as { input?: unknown }).input;
}

function typeMessage(expected: string, input: unknown): string {
  const text = EXPECTED_TEXT[expected] ?? expected;
  return input === undefined ? `is required (${text})` : `expected ${text}, got ${describeRaw(input)}`;
}

function boundMessage(issue: Issue & { code: "too_small" | "too_big" }): string {
  const small = issue.code === "too_small";
  const bound = small
    ? (issue as { minimum: number | bigint }).minimum
    : (issue as { maximum: number | bigint }).maximum;
  const inclusive = issue.inclusive !== false;
  if (issue.origin === "array")
    return `${small ? "needs at least" : "allows at most"} ${bound} item${bound === 1 ? "" : "s"}`;
  if (issue.origin === "string") return small ? "must not be empty" : `must be at most ${bound} characters`;
  const relation = small ? (inclusive ? "≥" : ">") : inclusive ? "≤" : "<";
  return `must be ${relation} ${bound}, got ${describeRaw(inputOf(issue))}`;
}

function choiceMessage(values: readonly unknown[], input: unknown): string {
  const allowed = values.map(String).join(" | ");
  if (input === undefined) return `is required (one of ${allowed})`;
  const guess = typeof input === "string" ? didYouMeanSuffix(input, values.map(String)) : "";
  return `expected one of ${allowed}, got ${describeRaw(input)}${guess}`;
}

function unknownKeyIssues(
  path: readonly PathSegment[],
  keys: readonly string[],
  schema: z.ZodType,
  data: unknown,
): PendingIssue[] {
  const allowed = allowedKeysAt(schema, data, path);
  return keys.map((key) => {
    const guess = didYouMean(key, allowed);
    const hint = guess !== undefined ? ` (did you mean "${guess}"?)` : ` (allowed: ${allowed.join(", ")})`;
    return { path: [...path, key], message: `unknown key "${key}"${hint}`, at: "key" as const };
  });
}

/** Of a plain union's members, the one the input plainly meant: the only one whose type matched. */
function meantBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const fitting = branches.filter(
    (issues) =>
      !issues.some((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value")),
  );
  return fitting.length === 1 ? fitting[0] : undefined;
}

function translate(
  issue: Issue,
  prefix: readonly PathSegment[],
  schema: z.ZodType,
  data: unknown,
): PendingIssue[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const input = inputOf(issue);
  switch (issue.code) {
    case "invalid_type": {
      // zod says "number" for a string given to z.int(); the schema knows it wants a whole number.
      const integer = issue.expected === "number" && isIntegerSchema(schemaAt(schema, data, path));
      return [{ path, message: typeMessage(integer ? "int" : issue.expected, input) }];
    }
    case "too_small":
    case "too_big":
      return [{ path, message: boundMessage(issue) }];
    case "invalid_value":
      return [{ path, message: choiceMessage(issue.values, input) }];
    case "unrecognized_keys":
      return unknownKeyIssues(path, issue.keys, schema, data);
    case "invalid_union": {
      const discriminated = issue as { discriminator?: string; options?: readonly unknown[] };
      if (discriminated.discriminator !== undefined) {
        const tag =
          typeof input === "object" && input !== null
            ? (input as Record<string, unknown>)[discriminated.discriminator]
            : undefined;
        return [{ path, message: choiceMessage(discriminated.options ?? [], tag) }];
      }
      const branch = meantBranch(issue.errors);
      if (branch !== undefined) return branch.flatMap((inner) => translate(inner, path, schema, data));
      return [{ path, message: `${issue.message}, got ${describeRaw(input)}` }];
    }
    case "invalid_format":
      return [{ path, message: `${issue.message}, got ${describeRaw(input)}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Parse `issues` (from `schema.safeParse(data, { reportInput: true })`) into located-to-be issues. */
export function zodIssuesToPending(
  issues: readonly Issue[],
  schema: z.ZodType,
  data: unknown,
): PendingIssue[] {
  return issues.flatMap((issue) => translate(issue, [], schema, data));
}
