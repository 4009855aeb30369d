/**
 * What a schema expects at a path of the data: the keys it allows (for "did you mean" on unknown
 * keys) and whether a number must be whole. zod
 * reports an unknown key with the object's path but not its schema, so this walks the schema
 * alongside the data (choosing a union's member by its discriminator).
 */
import type { z } from "zod";
import type { PathSegment } from "./issuePath";

interface LooseDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
  readonly format?: string;
}

function defOf(schema: z.ZodType): LooseDef {
  return schema._zod.def as unknown as LooseDef;
}

/** Strips optional/default/prefault/nullable/readonly/pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (inner === undefined) return current;
    current = inner;
  }
}

function field(data: unknown, segment: PathSegment): unknown {
  return typeof data === "object" && data !== null
    ? (data as Record<PathSegment, unknown>)[segment]
    : undefined;
}

/** The member of a union that `data` is meant to be: by discriminator, else the first object member. */
function member(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  const def = defOf(schema);
  const options = (def.options ?? []).map(unwrap);
  if (def.discriminator !== undefined) {
    const tag = field(data, def.discriminator);
    return options.find((option) => {
      const tagSchema = defOf(option).shape?.[def.discriminator!];
      return tagSchema !== undefined && (defOf(unwrap(tagSchema)).values ?? []).includes(tag);
    });
  }
  return options.find((option) => defOf(option).type === "object");
}

function resolve(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  const plain = unwrap(schema);
  return defOf(plain).type === "union" ? member(plain, data) : plain;
}

function child(schema: z.ZodType, data: unknown, segment: PathSegment): z.ZodType | undefined {
  const resolved = resolve(schema, data);
  if (resolved === undefined) return undefined;
  const def = defOf(resolved);
  if (def.type === "object") return def.shape?.[String(segment)];
  if (def.type === "array") return def.element;
  if (def.type === "record") return def.valueType;
  return undefined;
}

/** The schema for the value at `path` (unions resolved by the data), if the path leads anywhere. */
export function schemaAt(
  schema: z.ZodType,
  data: unknown,
  path: readonly PathSegment[],
): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  let value = data;
  for (const segment of path) {
    if (current === undefined) return undefined;
    current = child(current, value, segment);
    value = field(value, segment);
  }
  return current === undefined ? undefined : resolve(current, value);
}

/** The keys the object schema at `path` allows, or [] when there is none. */
export function allowedKeysAt(schema: z.ZodType, data: unknown, path: readonly PathSegment[]): string[] {
  const resolved = schemaAt(schema, data, path);
  const shape = resolved === undefined ? undefined : defOf(resolved).shape;
  return shape === undefined ? [] : Object.keys(shape);
}

/** z.int() and friends: a number schema with an integer format. */
export function isIntegerSchema(schema: z.ZodType | undefined): boolean {
  if (schema === undefined) return false;
  const def = defOf(schema);
  return def.type === "number" && (def.format === "safeint" || def.format === "int32");
}
