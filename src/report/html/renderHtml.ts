/**
 * `index.html`: one self-contained page — inline CSS, inline SVG drawn here, a few lines of inline
 * script — that opens offline from file://. A Content-Security-Policy forbids loading anything
 * from anywhere, so the page cannot depend on the network even by accident.
 */
import type { SuiteResults, Verdict } from "../../harness/findings";
import type { FindingDetails } from "../findingDetail";
import { COPY_SCRIPT } from "./copyScript";
import { escapeHtml } from "./escape";
import { renderScenarioSection } from "./findingSection";
import { hasSection } from "./sectionIds";
import { STYLES } from "./styles";
import { renderSummaryTable } from "./summaryTable";

const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export function renderHtml(results: SuiteResults, details: FindingDetails): string {
  const scenarios = results.scenarios;
  const count = (verdict: Verdict): number => scenarios.filter((r) => r.verdict === verdict).length;
  const shard = results.shard === undefined ? "" : ` · shard ${escapeHtml(results.shard)}`;
  const sections = scenarios.flatMap((result, index) =>
    hasSection(result) ? [renderScenarioSection(result, index, details.get(result.name))] : [],
  );
  return [
    `<!doctype html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>ksim report</title>`,
    `<style>${STYLES}</style>`,
    `</head>`,
    `<body>`,
    `<header class="top"><h1>ksim report</h1><p class="counts"><b>${scenarios.length}</b> scenarios · <b>${count("pass")}</b> passed · <b>${count("fail")}</b> failed · <b>${count("error")}</b> errors${shard}</p></header>`,
    `<main>`,
    `<section class="panel" id="summary"><h2>Scenarios</h2>${renderSummaryTable(scenarios)}</section>`,
    ...sections,
    `</main>`,
    `<script>${COPY_SCRIPT}</script>`,
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}
