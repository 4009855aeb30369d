/**
 * One row of a config definition table: Kafka's dotted name, its type, default, what values are
 * allowed and a line of documentation, plus the parser that reads it from YAML. Parsing is as
 * lenient as Kafka's ConfigDef, which reads every value from a string: `5` and `"5"` are the same
 * int, `true` and `"true"` the same boolean.
 */
import { didYouMeanSuffix } from "./didYouMean";

export type ConfigType = "int" | "long" | "boolean" | "string";

/** A value as it is written in a scenario file. */
export type ConfigYamlValue = string | number | boolean | null;

export type ParseOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export interface ConfigKeyDef<T> {
  /** Kafka's name, e.g. `max.in.flight.requests.per.connection`. */
  readonly name: string;
  readonly type: ConfigType;
  readonly defaultValue: T;
  /** What may be written, for error messages and docs: `an integer ≥ 1`, `one of all | 1 | 0`. */
  readonly allowed: string;
  readonly doc: string;
  parse(raw: unknown): ParseOutcome<T>;
  toYaml(value: T): ConfigYamlValue;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export interface IntRange {
  readonly min?: number;
  readonly max?: number;
}

/** How a raw YAML value reads in a message: strings quoted, containers named. */
export function describeRaw(raw: unknown): string {
  if (raw === null || raw === undefined) return "nothing";
  if (Array.isArray(raw)) return "a list";
  if (typeof raw === "object") return "a mapping";
  if (typeof raw === "string") return JSON.stringify(raw);
  return String(raw);
}

function ok<T>(value: T): ParseOutcome<T> {
  return { ok: true, value };
}

function fail<T>(allowed: string, raw: unknown): ParseOutcome<T> {
  return { ok: false, message: `expected ${allowed}, got ${describeRaw(raw)}` };
}

function rangeText(range: IntRange): string {
  if (range.min !== undefined && range.max !== undefined)
    return `an integer from ${range.min} to ${range.max}`;
  if (range.min !== undefined) return `an integer ≥ ${range.min}`;
  if (range.max !== undefined) return `an integer ≤ ${range.max}`;
  return "an integer";
}

function readInteger(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isInteger(raw) ? raw : undefined;
  if (typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw)) return Number(raw.trim());
  return undefined;
}

function integerKey(
  type: "int" | "long",
  name: string,
  defaultValue: number,
  doc: string,
  range: IntRange,
): ConfigKeyDef<number> {
  const typeMin = type === "int" ? INT_MIN : Number.MIN_SAFE_INTEGER;
  const typeMax = type === "int" ? INT_MAX : Number.MAX_SAFE_INTEGER;
  const allowed = rangeText(range);
  return {
    name,
    type,
    defaultValue,
    allowed,
    doc,
    parse(raw) {
      const value = readInteger(raw);
      if (value === undefined) return fail(allowed, raw);
      const min = range.min ?? typeMin;
      const max = range.max ?? typeMax;
      if (value >= min && value <= max) return ok(value);
      // Name the type's own limit only when the value broke it.
      const shown = {
        min: range.min ?? (value < min ? min : undefined),
        max: range.max ?? (value > max ? max : undefined),
      };
      return fail(rangeText(shown), raw);
    },
    toYaml: (value) => value,
  };
}

/** A Kafka INT (32 bits). */
export function intKey(
  name: string,
  defaultValue: number,
  doc: string,
  range: IntRange = {},
): ConfigKeyDef<number> {
  return integerKey("int", name, defaultValue, doc, range);
}

/** A Kafka LONG, held to JavaScript's safe integers. */
export function longKey(
  name: string,
  defaultValue: number,
  doc: string,
  range: IntRange = {},
): ConfigKeyDef<number> {
  return integerKey("long", name, defaultValue, doc, range);
}

/** A LONG whose Kafka default is Long.MAX_VALUE, meaning "never"; ksim writes that as null. */
export function neverableLongKey(
  name: string,
  doc: string,
  range: IntRange = {},
): ConfigKeyDef<number | null> {
  const inner = longKey(name, 0, doc, range);
  const allowed = `${inner.allowed}, or null for never`;
  return {
    name,
    type: "long",
    defaultValue: null,
    allowed,
    doc,
    parse(raw) {
      if (raw === null) return ok(null);
      const parsed = inner.parse(raw);
      return parsed.ok ? parsed : fail(allowed, raw);
    },
    toYaml: (value) => value,
  };
}

export function booleanKey(name: string, defaultValue: boolean, doc: string): ConfigKeyDef<boolean> {
  const allowed = "true or false";
  return {
    name,
    type: "boolean",
    defaultValue,
    allowed,
    doc,
    parse(raw) {
      if (typeof raw === "boolean") return ok(raw);
      if (typeof raw === "string" && /^\s*(true|false)\s*$/i.test(raw))
        return ok(raw.trim().toLowerCase() === "true");
      return fail(allowed, raw);
    },
    toYaml: (value) => value,
  };
}

/**
 * One of a fixed set of strings. `rejected` names values Kafka has but ksim does not model yet,
 * each with the reason, so the error says "not yet" rather than "no such value".
 */
export function enumKey<V extends string>(
  name: string,
  values: readonly V[],
  defaultValue: V,
  doc: string,
  rejected: Readonly<Record<string, string>> = {},
): ConfigKeyDef<V> {
  const allowed = `one of ${values.join(" | ")}`;
  return {
    name,
    type: "string",
    defaultValue,
    allowed,
    doc,
    parse(raw) {
      const text = typeof raw === "string" ? raw.trim() : undefined;
      if (text !== undefined && (values as readonly string[]).includes(text)) return ok(text as V);
      const reason = text === undefined ? undefined : rejected[text];
      if (reason !== undefined)
        return { ok: false, message: `${text} ${reason} (allowed: ${values.join(" | ")})` };
      const guess = text === undefined ? "" : didYouMeanSuffix(text, values);
      return { ok: false, message: `expected ${allowed}, got ${describeRaw(raw)}${guess}` };
    },
    toYaml: (value) => value,
  };
}
