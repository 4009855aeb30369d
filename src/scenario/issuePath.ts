/**
 * Where in a scenario an issue is: a path of mapping keys and list indices, before it is turned
 * into a file position. Config keys are single segments even though they contain dots.
 */
export type PathSegment = string | number;

export interface PendingIssue {
  readonly path: readonly PathSegment[];
  readonly message: string;
  /** "key" points at a mapping key (an unknown or misspelt name); the default is its value. */
  readonly at?: "key" | "value";
}

const PLAIN_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** `["faults", "schedule", 2, "node"]` → `faults.schedule[2].node`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const [index, segment] of path.entries()) {
    // A swarm key is itself a path; quote it so the two do not run together.
    const swarmKey = index === 1 && path[0] === "swarm";
    if (typeof segment === "number") text += `[${segment}]`;
    else if (swarmKey || !PLAIN_SEGMENT.test(segment)) text += `[${JSON.stringify(segment)}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text;
}
