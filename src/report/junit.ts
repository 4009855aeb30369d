/**
 * `junit.xml`: one testsuite, one testcase per scenario; `<failure>` when the verdict is fail,
 * `<error>` when the harness itself failed. CI systems show these next to ordinary tests.
 */
import { faultToText, inTimeOrder } from "../faults/faultRunner";
import type { ScenarioResult, SuiteResults } from "../harness/findings";
import { expectationText, failureReason, formatSimSeconds } from "./format";
import { escapeXml } from "./xmlEscape";

export function renderJunit(results: SuiteResults): string {
  const scenarios = results.scenarios;
  const failures = scenarios.filter((r) => r.verdict === "fail").length;
  const errors = scenarios.filter((r) => r.verdict === "error").length;
  const suiteName = results.shard === undefined ? "ksim" : `ksim (shard ${results.shard})`;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="ksim" tests="${scenarios.length}" failures="${failures}" errors="${errors}" time="${seconds(totalWallMs(scenarios))}">`,
    `  <testsuite name="${escapeXml(suiteName)}" tests="${scenarios.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(totalWallMs(scenarios))}">`,
    ...scenarios.flatMap(testcase),
    `  </testsuite>`,
    `</testsuites>`,
  ];
  return `${lines.join("\n")}\n`;
}

function testcase(result: ScenarioResult): string[] {
  const open = `    <testcase name="${escapeXml(result.name)}" classname="ksim" file="${escapeXml(result.path)}" time="${seconds(result.wallMs)}"`;
  if (result.verdict === "pass") return [`${open}/>`];
  const tag = result.verdict === "fail" ? "failure" : "error";
  const type = result.verdict === "fail" ? `expect ${expectationText(result)}` : "harness error";
  return [
    `${open}>`,
    `      <${tag} message="${escapeXml(failureReason(result))}" type="${escapeXml(type)}">${escapeXml(details(result))}</${tag}>`,
    `    </testcase>`,
  ];
}

/** The body of a failure: what a person needs without opening the HTML report. */
function details(result: ScenarioResult): string {
  const lines: string[] = [];
  if (result.verdict === "error") lines.push(result.error ?? "the harness failed");
  const finding = result.finding;
  if (finding !== undefined) {
    lines.push(
      "Violations:",
      ...finding.violations.map((v) => `  ${v.check} at ${formatSimSeconds(v.timeUs)}: ${v.message}`),
    );
    lines.push("Faults:", ...inTimeOrder(finding.counterexample.faults).map((f) => `  ${faultToText(f)}`));
    lines.push("Replay:", `  ${finding.replayCommand}`);
  } else if (result.verdict === "fail") {
    lines.push(failureReason(result));
  }
  return lines.join("\n");
}

function totalWallMs(scenarios: readonly ScenarioResult[]): number {
  return scenarios.reduce((sum, r) => sum + r.wallMs, 0);
}

function seconds(wallMs: number): string {
  return (wallMs / 1000).toFixed(3);
}
