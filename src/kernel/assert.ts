/**
 * The one assertion helper. A handler first screens out messages it must ignore (stale epochs,
 * unknown partitions) as ordinary protocol outcomes; what is left is an invariant of the node's
 * own state, and breaking it is a bug in ksim, reported as InvariantViolation.
 */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvariantViolation";
  }
}

export function assert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new InvariantViolation(typeof message === "string" ? message : message());
}
