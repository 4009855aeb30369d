/**
 * A scenario file parsed with positions kept, so that any field path can be turned back into the
 * line and column a person should look at.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { PathSegment } from "./issuePath";
import type { ScenarioIssue } from "./scenarioError";
import { plainDataOf } from "./yamlStructure";

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface YamlSource {
  readonly fileName: string;
  readonly text: string;
  /** The data as plain JavaScript; undefined when the YAML did not parse. */
  readonly data: unknown;
  readonly syntaxIssues: readonly ScenarioIssue[];
  /** Position of the value at `path` (or its key), else of the deepest part of the path that exists. */
  locate(path: readonly PathSegment[], at?: "key" | "value"): SourcePosition;
}

const START: SourcePosition = { line: 1, column: 1 };

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

interface Located {
  readonly node: Node | null;
  readonly offset: number | undefined;
}

function offsetOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** Follows `path` through the document; stops at the deepest node that exists. */
function walk(doc: Document, path: readonly PathSegment[], at: "key" | "value"): number | undefined {
  let current: Located = { node: doc.contents as Node | null, offset: offsetOf(doc.contents) };
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    const node = current.node;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (pair === undefined) return current.offset;
      if (last && at === "key") return offsetOf(pair.key);
      // A key with no value (`node:`) has no range of its own: point at the key.
      current = { node: pair.value as Node | null, offset: offsetOf(pair.value) ?? offsetOf(pair.key) };
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return current.offset;
      current = { node: item, offset: offsetOf(item) };
    } else {
      return current.offset;
    }
  }
  return current.offset;
}

export function readYaml(text: string, fileName: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (offset: number | undefined): SourcePosition => {
    if (offset === undefined) return START;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const issueAt = (offset: number | undefined, message: string): ScenarioIssue => {
    const { line, column } = position(offset);
    return { file: fileName, line, column, path: "", message };
  };
  const syntaxIssues = doc.errors.map((error) =>
    issueAt(error.pos[0], `YAML syntax error: ${error.message}`),
  );
  const plain = syntaxIssues.length === 0 ? plainDataOf(doc) : { data: undefined, problems: [] };
  syntaxIssues.push(...plain.problems.map((problem) => issueAt(problem.offset, problem.message)));
  return {
    fileName,
    text,
    data: plain.data,
    syntaxIssues,
    locate: (path, at = "value") => position(walk(doc, path, at)),
  };
}
