/** ksim's exit codes, as documented in the README and `--help`. */
export const ExitCode = {
  /** Every expectation met. */
  OK: 0,
  /** An expectation failed: a `hold` scenario was violated, or a `violate` scenario found nothing. */
  EXPECTATION_FAILED: 1,
  /** Bad input: arguments, scenario files, replay files. */
  BAD_INPUT: 2,
  /** The harness itself failed (a bug in ksim). */
  HARNESS_FAILED: 3,
  /** Stopped by Ctrl-C, after writing what had finished. */
  INTERRUPTED: 130,
} as const;

/** An error that carries its exit code and a message meant for the user (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CliError";
  }
}
