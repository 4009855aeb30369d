/** Human-facing formatting shared by the HTML, Markdown and JUnit renderers. */
import type { ScenarioResult } from "../harness/findings";
import type { Micros } from "../kernel/time";

/** Wall time of a scenario: "850 ms", "12.4 s", "3 min 05 s". */
export function formatWallMs(wallMs: number): string {
  if (wallMs < 1000) return `${Math.round(wallMs)} ms`;
  if (wallMs < 60_000) return `${(wallMs / 1000).toFixed(1)} s`;
  const seconds = Math.round(wallMs / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

/** Simulated time as the diagrams and messages show it: "12.345 s". */
export function formatSimSeconds(timeUs: Micros): string {
  return `${(timeUs / 1_000_000).toFixed(3)} s`;
}

/** "hold", or "violate lost-write, duplicate". */
export function expectationText(result: ScenarioResult): string {
  return result.expect === "hold" ? "hold" : `violate ${result.expect.violate.join(", ")}`;
}

/** "30/100" when the property stopped early, "100" otherwise. */
export function runsText(result: ScenarioResult): string {
  return result.runs === result.runsPlanned ? String(result.runs) : `${result.runs}/${result.runsPlanned}`;
}

/** Why a scenario failed, in one sentence (JUnit's failure message, the page's verdict note). */
export function failureReason(result: ScenarioResult): string {
  if (result.verdict === "error") return result.error ?? "the harness failed";
  if (result.verdict === "pass") return "";
  const finding = result.finding;
  if (result.expect === "hold") {
    const first = finding?.violations[0];
    const more =
      finding !== undefined && finding.violations.length > 1
        ? ` (and ${finding.violations.length - 1} more)`
        : "";
    return first === undefined ? "the expectation did not hold" : `${first.message}${more}`;
  }
  return `expected a violation of ${result.expect.violate.join(" or ")}, but none was found in ${result.runs} runs`;
}

/** "1 leader change", "3 leader changes" (the count with thousands separators). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  const digits = String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${digits} ${count === 1 ? singular : pluralForm}`;
}
