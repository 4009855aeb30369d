/** Argument checks that fail with a usage error (exit 2), never a stack trace. */
import { CliError, ExitCode } from "./exitCodes";

export function positiveInt(text: string, name: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new CliError(`${name} must be a whole number ≥ 1 (got "${text}")`, ExitCode.BAD_INPUT);
  }
  return value;
}

export function nonNegativeInt(text: string, name: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new CliError(`${name} must be a whole number ≥ 0 (got "${text}")`, ExitCode.BAD_INPUT);
  }
  return value;
}
