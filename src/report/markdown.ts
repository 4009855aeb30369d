/**
 * `summary.md`: the summary table and every finding — violations, the shrunk fault schedule and
 * the replay command — as Markdown that reads well on a code-hosting site.
 */
import { faultToText, inTimeOrder } from "../faults/faultRunner";
import type { Finding, ScenarioResult, SuiteResults, Verdict } from "../harness/findings";
import { expectationText, failureReason, formatSimSeconds, formatWallMs, runsText } from "./format";
import { codeBlock, escapeMarkdown, inlineCode } from "./markdownText";

const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  pass: "✅ pass",
  fail: "❌ fail",
  error: "⚠️ error",
};

export function renderMarkdown(results: SuiteResults): string {
  const sections = [
    "# ksim report",
    countsLine(results),
    summaryTable(results.scenarios),
    ...results.scenarios.filter((r) => r.finding !== undefined || r.verdict !== "pass").map(scenarioSection),
  ];
  return `${sections.join("\n\n")}\n`;
}

function countsLine(results: SuiteResults): string {
  const count = (verdict: Verdict): number => results.scenarios.filter((r) => r.verdict === verdict).length;
  const shard = results.shard === undefined ? "" : ` · shard ${escapeMarkdown(results.shard)}`;
  return `**${results.scenarios.length} scenarios:** ${count("pass")} passed, ${count("fail")} failed, ${count("error")} errors${shard}`;
}

function summaryTable(scenarios: readonly ScenarioResult[]): string {
  const rows = scenarios.map((r) =>
    [
      escapeMarkdown(r.name),
      escapeMarkdown(expectationText(r)),
      VERDICT_LABELS[r.verdict],
      runsText(r),
      formatWallMs(r.wallMs),
      String(r.fastCheckSeed),
    ].join(" | "),
  );
  return [
    "| Scenario | Expectation | Verdict | Runs | Time | Seed |",
    "|---|---|---|---:|---:|---:|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

function scenarioSection(result: ScenarioResult): string {
  const parts = [`## ${escapeMarkdown(result.name)} — ${VERDICT_LABELS[result.verdict]}`];
  if (result.description.trim() !== "") parts.push(escapeMarkdown(result.description.trim()));
  parts.push(
    `Expectation: ${escapeMarkdown(expectationText(result))} · scenario file ${inlineCode(result.path)}`,
  );
  if (result.verdict === "fail") parts.push(`**Why it failed:** ${escapeMarkdown(failureReason(result))}`);
  if (result.verdict === "error")
    parts.push("**The harness failed:**", codeBlock(result.error ?? "(no message)"));
  if (result.finding !== undefined) parts.push(...findingParts(result.finding));
  return parts.join("\n\n");
}

function findingParts(finding: Finding): string[] {
  const counterexample = finding.counterexample;
  const violations = finding.violations.map(
    (v) =>
      `- ${inlineCode(v.check)} at ${formatSimSeconds(v.timeUs)}${v.partition === undefined ? "" : ` on ${inlineCode(v.partition)}`}: ${escapeMarkdown(v.message)}`,
  );
  const faults =
    counterexample.faults.length === 0
      ? ["_(no faults)_"]
      : inTimeOrder(counterexample.faults).map((f, i) => `${i + 1}. ${escapeMarkdown(faultToText(f))}`);
  const parts = [
    `### Violations (${finding.violations.length})`,
    violations.length === 0 ? "_(none recorded)_" : violations.join("\n"),
    `### Fault schedule (shrunk from ${finding.faultsBeforeShrink} to ${counterexample.faults.length})`,
    faults.join("\n"),
    `Simulation seed ${counterexample.seed} · fingerprint ${inlineCode(finding.fingerprint)} · found after ${finding.runsToFind} runs in ${formatWallMs(finding.wallMsToFind)}, shrunk in ${formatWallMs(finding.wallMsToShrink)}`,
    "### Replay",
    codeBlock(finding.replayCommand, "sh"),
  ];
  const links = fileLinks(finding);
  if (links !== "") parts.push(links);
  return parts;
}

function fileLinks(finding: Finding): string {
  const files = finding.files;
  if (files === undefined) return "";
  const entries: [string, string | undefined][] = [
    ["finding", files.finding],
    ["history", files.history],
    ["trace", files.trace],
  ];
  return entries
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(
      ([label, path]) =>
        `[${label}](${encodeURI(path).replace(/[()]/g, (c) => (c === "(" ? "%28" : "%29"))})`,
    )
    .join(" · ");
}
