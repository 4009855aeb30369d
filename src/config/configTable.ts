/**
 * A config kind's definition table, keyed by the camelCase field of its typed config, and the
 * table-driven parser shared by every kind: unknown keys get a did-you-mean, bad values say what
 * is allowed, and every problem is collected rather than stopping at the first.
 */
import { configKeyPath, type ConfigIssue } from "./configIssue";
import { describeRaw, type ConfigKeyDef, type ConfigYamlValue } from "./configKey";
import { didYouMean } from "./didYouMean";
import { unmodelledReason } from "./unmodelledKeys";

export type ConfigDefs<C> = { readonly [K in keyof C]: ConfigKeyDef<C[K]> };

export interface ParsedConfig<C> {
  /** The effective config: `base` overlaid by every value that parsed. */
  readonly config: C;
  readonly errors: ConfigIssue[];
  /** Kafka names written explicitly; Kafka's cross-key rules treat these differently from defaults. */
  readonly setKeys: ReadonlySet<string>;
}

function fieldsOf<C>(defs: ConfigDefs<C>): (keyof C & string)[] {
  return Object.keys(defs) as (keyof C & string)[];
}

export function configNames<C>(defs: ConfigDefs<C>): string[] {
  return fieldsOf(defs).map((field) => defs[field].name);
}

export function defaultsOf<C>(defs: ConfigDefs<C>): C {
  const config: Partial<C> = {};
  for (const field of fieldsOf(defs)) config[field] = defs[field].defaultValue;
  return config as C;
}

function unknownKeyMessage(kind: string, key: string, names: readonly string[]): string {
  const unmodelled = unmodelledReason(kind, key);
  if (unmodelled !== undefined) return `${kind} config "${key}" ${unmodelled}`;
  const guess = didYouMean(key, names);
  if (guess !== undefined) return `unknown ${kind} config "${key}" (did you mean "${guess}"?)`;
  return `unknown ${kind} config "${key}" (ksim models: ${names.join(", ")})`;
}

function isMapping(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw);
}

/**
 * Parses `raw` (a YAML mapping of Kafka names to values; absent means "all defaults") against
 * `defs`, on top of `base`. `kind` names the config kind in messages ("producer").
 */
export function parseConfigTable<C>(
  defs: ConfigDefs<C>,
  raw: unknown,
  path: string,
  kind: string,
  base: C,
): ParsedConfig<C> {
  const config: C = { ...base };
  const errors: ConfigIssue[] = [];
  const setKeys = new Set<string>();
  if (raw === undefined || raw === null) return { config, errors, setKeys };
  if (!isMapping(raw)) {
    const message = `expected a mapping of ${kind} configs (Kafka's dotted names), got ${describeRaw(raw)}`;
    return { config, errors: [{ path, message }], setKeys };
  }
  const fieldByName = new Map(fieldsOf(defs).map((field) => [defs[field].name, field] as const));
  const names = [...fieldByName.keys()];
  for (const [key, value] of Object.entries(raw)) {
    const keyPath = configKeyPath(path, key);
    const field = fieldByName.get(key);
    if (field === undefined) {
      errors.push({ path: keyPath, message: unknownKeyMessage(kind, key, names), at: "key" });
      continue;
    }
    const parsed = defs[field].parse(value);
    if (!parsed.ok) {
      errors.push({ path: keyPath, message: parsed.message });
      continue;
    }
    config[field] = parsed.value;
    setKeys.add(key);
  }
  return { config, errors, setKeys };
}

/** The entries of `config` that differ from `base`, under Kafka's names, in table order. */
export function configToKafkaEntries<C>(
  defs: ConfigDefs<C>,
  config: C,
  base: C,
): Record<string, ConfigYamlValue> {
  const entries: Record<string, ConfigYamlValue> = {};
  for (const field of fieldsOf(defs)) {
    if (config[field] === base[field]) continue;
    entries[defs[field].name] = defs[field].toYaml(config[field]);
  }
  return entries;
}

/** The first of `names` the user wrote (the place to point an error at), else the first name. */
export function firstSetKey(setKeys: ReadonlySet<string>, names: readonly [string, ...string[]]): string {
  return names.find((name) => setKeys.has(name)) ?? names[0];
}
