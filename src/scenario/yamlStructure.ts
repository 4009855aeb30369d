/**
 * YAML that parses but cannot become a scenario's plain data: an alias with no anchor before it,
 * aliases that expand without end (an "alias bomb"), and mapping keys that are not names (a list,
 * a mapping or null as a key). The yaml library throws or warns on these only while converting
 * to JavaScript, with no position; finding them first lets each be reported where it is written.
 */
import { isAlias, isMap, isScalar, visit, type Document, type Node } from "yaml";

export interface StructureProblem {
  /** Character offset into the file. */
  readonly offset: number | undefined;
  readonly message: string;
}

/** The yaml library's own bound on alias expansions, named here so the message can say it. */
export const ALIAS_EXPANSIONS_MAX = 100;

function offsetOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function keyProblem(key: unknown): string | undefined {
  if (key === null || (isScalar(key) && key.value === null)) return "a mapping key must be a name, not null";
  if (isScalar(key) || isAlias(key)) return undefined;
  return "a mapping key must be a name, not a list or mapping (`? [a, b]` is a complex key)";
}

/** Problems the document has before it is converted to plain data, in file order. */
function structureProblems(doc: Document): StructureProblem[] {
  const problems: StructureProblem[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        const message = `unknown alias *${alias.source} (an alias needs an anchor &${alias.source} before it)`;
        problems.push({ offset: offsetOf(alias), message });
      }
    },
    Map(_, map) {
      if (!isMap(map)) return;
      for (const pair of map.items) {
        const message = keyProblem(pair.key);
        if (message !== undefined) problems.push({ offset: offsetOf(pair.key) ?? offsetOf(map), message });
      }
    },
  });
  return problems;
}

/** Plain data, or the problem when its aliases expand beyond the library's bound. */
function toPlainData(doc: Document): { data: unknown } | { problem: StructureProblem } {
  try {
    return { data: doc.toJS({ maxAliasCount: ALIAS_EXPANSIONS_MAX }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let firstAlias: number | undefined;
    visit(doc, {
      Alias(_, alias) {
        firstAlias = offsetOf(alias);
        return visit.BREAK;
      },
    });
    const message =
      `YAML aliases expand to too much data (more than ${ALIAS_EXPANSIONS_MAX} copies of anchored ` +
      `nodes); write the values out or use fewer aliases`;
    return { problem: { offset: firstAlias, message } };
  }
}

/**
 * A syntactically valid document as plain data, or every structure problem it has (then no
 * data): each would otherwise make the conversion throw or warn without saying where.
 */
export function plainDataOf(doc: Document): { data: unknown; problems: StructureProblem[] } {
  const problems = structureProblems(doc);
  if (problems.length > 0) return { data: undefined, problems };
  const converted = toPlainData(doc);
  return "data" in converted
    ? { data: converted.data, problems }
    : { data: undefined, problems: [converted.problem] };
}
