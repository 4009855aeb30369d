/**
 * Bad input, reported as every problem found, one line each, in the form editors and terminals
 * turn into links: `scenarios/x.yaml:14:13: faults.schedule[2].node: unknown node "broker-7" …`.
 * The CLI exits with `exitCode` and prints `message`; never a stack trace.
 */
export interface ScenarioIssue {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Field path such as `producers[0].config.acks`; empty for syntax errors. */
  readonly path: string;
  readonly message: string;
}

export function formatScenarioIssue(issue: ScenarioIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.path === "" ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
}

export class ScenarioError extends Error {
  /** The exit code for bad input. */
  readonly exitCode = 2;

  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(issues.map(formatScenarioIssue).join("\n"));
    this.name = "ScenarioError";
  }
}
