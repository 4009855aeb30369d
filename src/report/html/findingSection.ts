/**
 * One scenario's section: what was violated, the shrunk fault schedule, the replay command, and —
 * when the run's trace and timeline are at hand — the space-time diagram and partition charts.
 */
import { faultToText, inTimeOrder } from "../../faults/faultRunner";
import type { Finding, ScenarioResult } from "../../harness/findings";
import type { FindingDetail } from "../findingDetail";
import { expectationText, failureReason, formatSimSeconds, formatWallMs } from "../format";
import { diagramModelOf } from "./diagramModel";
import { escapeHtml } from "./escape";
import { nodePalette } from "./nodePalette";
import { renderPartitionCharts } from "./partitionCharts";
import { sectionIdOf } from "./sectionIds";
import { renderSpaceTimeDiagram } from "./spaceTimeDiagram";
import { verdictBadge } from "./summaryTable";

export function renderScenarioSection(
  result: ScenarioResult,
  index: number,
  detail: FindingDetail | undefined,
): string {
  const id = sectionIdOf(index);
  const parts = [
    `<div class="finding-head"><h2>${escapeHtml(result.name)}</h2>${verdictBadge(result.verdict)}<span class="muted">expect ${escapeHtml(expectationText(result))}</span></div>`,
    result.description.trim() === ""
      ? ""
      : `<p class="description">${escapeHtml(result.description.trim())}</p>`,
  ];
  if (result.verdict === "error")
    parts.push(`<h3>Error</h3><pre class="error">${escapeHtml(result.error ?? "the harness failed")}</pre>`);
  else if (result.verdict === "fail" && result.finding === undefined)
    parts.push(`<p class="note">${escapeHtml(failureReason(result))}</p>`);
  if (result.finding !== undefined) parts.push(findingBody(result.finding, id, detail));
  return `<section class="panel finding" id="${id}">${parts.join("")}</section>`;
}

function findingBody(finding: Finding, id: string, detail: FindingDetail | undefined): string {
  const violations = finding.violations.map(
    (v) =>
      `<li><span class="check">${escapeHtml(v.check)}</span><span class="when">${escapeHtml(formatSimSeconds(v.timeUs))}${v.partition === undefined ? "" : ` · ${escapeHtml(v.partition)}`}</span><div>${escapeHtml(v.message)}</div></li>`,
  );
  const faults = inTimeOrder(finding.counterexample.faults).map((fault) => `<li>${escapeHtml(faultToText(fault))}</li>`);
  const left = `<div><h3>Violations (${finding.violations.length})</h3>${violations.length === 0 ? `<p class="note">None recorded.</p>` : `<ol class="violations">${violations.join("")}</ol>`}</div>`;
  const right =
    `<div><h3>Fault schedule (${finding.counterexample.faults.length}, shrunk from ${finding.faultsBeforeShrink})</h3>` +
    (faults.length === 0
      ? `<p class="note">No faults: the bug needs none.</p>`
      : `<ol class="faults">${faults.join("")}</ol>`) +
    facts(finding) +
    `</div>`;
  const replay =
    `<h3>Replay</h3><div class="replay"><code id="${id}-replay">${escapeHtml(finding.replayCommand)}</code>` +
    `<button type="button" data-copy="${id}-replay" title="Copy the replay command">Copy</button></div>${fileLinks(finding)}`;
  return `<div class="columns">${left}${right}</div>${replay}${pictures(finding, id, detail)}`;
}

function facts(finding: Finding): string {
  const rows: [string, string][] = [
    ["simulation seed", String(finding.counterexample.seed)],
    [
      "fast-check",
      `seed ${finding.fastCheckSeed}, path ${finding.fastCheckPath === "" ? "—" : finding.fastCheckPath}`,
    ],
    ["found after", `${finding.runsToFind} runs, ${formatWallMs(finding.wallMsToFind)}`],
    ["shrunk in", formatWallMs(finding.wallMsToShrink)],
    ["fingerprint", finding.fingerprint],
  ];
  const swarm = finding.counterexample.swarmChoices;
  if (swarm !== undefined) rows.push(["swarm", JSON.stringify(swarm)]);
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd class="mono">${escapeHtml(value)}</dd>`).join("")}</dl>`;
}

function fileLinks(finding: Finding): string {
  const files = finding.files;
  if (files === undefined) return "";
  const entries: [string, string | undefined][] = [
    ["finding (JSON)", files.finding],
    ["history", files.history],
    ["trace", files.trace],
  ];
  const links = entries.flatMap(([label, path]) =>
    path === undefined ? [] : [`<a href="${escapeHtml(encodeURI(path))}">${escapeHtml(label)}</a>`],
  );
  return `<p class="files">Files: ${links.join(" · ")}</p>`;
}

function pictures(finding: Finding, id: string, detail: FindingDetail | undefined): string {
  if (detail === undefined)
    return `<p class="note">No trace or timeline was recorded for this finding, so there is no diagram.</p>`;
  const timelineEndUs = detail.timeline.at(-1)?.timeUs ?? 0;
  const model = diagramModelOf(detail.trace, finding.violations, timelineEndUs);
  const palette = nodePalette([
    ...model.nodes,
    ...detail.timeline.flatMap((s) => s.replicas.map((r) => r.broker)),
  ]);
  const diagram =
    detail.trace.length === 0
      ? `<p class="note">The trace is empty (it was not recorded).</p>`
      : renderSpaceTimeDiagram(`${id}-space-time`, model, palette);
  const charts =
    detail.timeline.length === 0
      ? `<p class="note">No replica timeline was sampled.</p>`
      : renderPartitionCharts(
          `${id}-chart`,
          detail.timeline,
          finding.violations,
          { startUs: model.startUs, endUs: model.endUs },
          palette,
        );
  return `<h3>Space-time diagram</h3>${diagram}<h3>Replicas over time</h3>${charts}`;
}
