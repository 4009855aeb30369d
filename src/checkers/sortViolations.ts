/**
 * The one order violations are reported in: simulated time, then check name, then partition
 * (then trace index and message, so that equal keys still sort the same way every run).
 */
import type { Violation } from "./violation";

export function sortViolations(violations: readonly Violation[]): Violation[] {
  return [...violations].sort(compareViolations);
}

export function compareViolations(a: Violation, b: Violation): number {
  return (
    a.timeUs - b.timeUs ||
    compareText(a.check, b.check) ||
    compareText(a.partition ?? "", b.partition ?? "") ||
    a.traceIndex - b.traceIndex ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
