/** The summary table at the top of the page: one row per scenario. */
import type { ScenarioResult } from "../../harness/findings";
import { expectationText, formatWallMs, runsText } from "../format";
import { escapeHtml } from "./escape";
import { hasSection, sectionIdOf } from "./sectionIds";

export function renderSummaryTable(scenarios: readonly ScenarioResult[]): string {
  const rows = scenarios.map((result, index) => {
    const name = escapeHtml(result.name);
    const cell = hasSection(result) ? `<a href="#${sectionIdOf(index)}">${name}</a>` : name;
    return (
      `<tr class="verdict-${result.verdict}">` +
      `<td>${cell}</td>` +
      `<td>${escapeHtml(expectationText(result))}</td>` +
      `<td>${verdictBadge(result.verdict)}</td>` +
      `<td class="num">${escapeHtml(runsText(result))}</td>` +
      `<td class="num">${escapeHtml(formatWallMs(result.wallMs))}</td>` +
      `<td class="num">${result.fastCheckSeed}</td>` +
      `</tr>`
    );
  });
  return (
    `<table class="summary" id="summary-table"><thead><tr><th>Scenario</th><th>Expectation</th><th>Verdict</th>` +
    `<th class="num">Runs</th><th class="num">Time</th><th class="num">Seed</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
  );
}

export function verdictBadge(verdict: ScenarioResult["verdict"]): string {
  return `<span class="badge badge-${verdict}">${verdict}</span>`;
}
