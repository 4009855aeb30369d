/** Argument checks that fail with a usage error (exit 2), never a stack trace. */
import { FAST_CHECK_PATH_PATTERN, FAST_CHECK_PATH_RULE, FAST_CHECK_SEED_MAX } from "../harness/fastCheckReplay";
import { CliError, ExitCode } from "./exitCodes";

function wholeNumber(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new CliError(`${name} must be a whole number ${range} (got "${text}")`, ExitCode.BAD_INPUT);
  }
  return value;
}

export function positiveInt(text: string, name: string, max = Number.MAX_SAFE_INTEGER): number {
  return wholeNumber(text, name, 1, max);
}

/** A fast-check seed: larger values would wrap to another seed's run. */
export function fastCheckSeed(text: string, name: string): number {
  return wholeNumber(text, name, 0, FAST_CHECK_SEED_MAX);
}

/** A fast-check path: fast-check itself accepts "" or "1:-1" and replays some other run. */
export function fastCheckPath(text: string, name: string): string {
  if (!FAST_CHECK_PATH_PATTERN.test(text)) {
    throw new CliError(`${name} must be ${FAST_CHECK_PATH_RULE} (got "${text}")`, ExitCode.BAD_INPUT);
  }
  return text;
}
