/**
 * Bad content in a file ksim reads besides scenarios (a finding, a results.json): one line per
 * problem, `file: field: what is wrong and what is allowed`, exit 2. The arguments were fine, so
 * unlike a CliError it carries no usage hint.
 */
import { formatPath, type PendingIssue } from "../scenario/issuePath";
import { ExitCode } from "./exitCodes";

/** Enough to fix the file by; a file of garbage would otherwise print a screenful. */
const ISSUES_SHOWN_MAX = 20;

function issueLine(file: string, issue: PendingIssue): string {
  const field = formatPath(issue.path);
  return field === "" ? `${file}: ${issue.message}` : `${file}: ${field}: ${issue.message}`;
}

export class InputFileError extends Error {
  readonly exitCode = ExitCode.BAD_INPUT;

  constructor(file: string, issues: readonly PendingIssue[]) {
    const lines = issues.slice(0, ISSUES_SHOWN_MAX).map((issue) => issueLine(file, issue));
    if (issues.length > ISSUES_SHOWN_MAX) lines.push(`${file}: … and ${issues.length - ISSUES_SHOWN_MAX} more problems`);
    super(lines.join("\n"));
    this.name = "InputFileError";
  }
}
