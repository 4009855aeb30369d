/**
 * Per-partition charts from the sampled timeline: each replica's log end offset (solid) and high
 * watermark (dashed) in its broker's colour, a strip showing who led, and the ISR size, all over
 * simulated time on the same x-axis as the space-time diagram. Series are drawn as steps that only
 * emit a point where the value changes, so long runs cost nothing and no sample is lost.
 */
import type { Violation } from "../../checkers/violation";
import type { PartitionSample } from "../../harness/timelineSampler";
import type { Micros } from "../../kernel/time";
import { formatSimSeconds } from "../format";
import { escapeHtml } from "./escape";
import { FIGURE_WIDTH, PLOT_LEFT, PLOT_RIGHT } from "./layout";
import { compareNodes, type NodePalette } from "./nodePalette";
import { attrs, count, num, tooltip } from "./svg";
import { niceCeiling, niceStep, timeScale, timeTicks, type TimeScale } from "./timeAxis";

/** Partitions charted at most per finding; the rest are named, not drawn. */
export const CHARTS_MAX = 6;

const OFFSETS_TOP = 16;
const OFFSETS_HEIGHT = 190;
const LEADER_TOP = OFFSETS_TOP + OFFSETS_HEIGHT + 30;
const LEADER_HEIGHT = 14;
const ISR_TOP = LEADER_TOP + LEADER_HEIGHT + 24;
const ISR_HEIGHT = 56;
const CHART_HEIGHT = ISR_TOP + ISR_HEIGHT + 30;
/** Replicas with equal values would hide one another: each is nudged this many px apart. */
const OVERLAP_NUDGE = 2;

export interface ChartSpan {
  readonly startUs: Micros;
  readonly endUs: Micros;
}

/** Charts for the violated partitions (or every sampled partition when none is named). */
export function renderPartitionCharts(
  idPrefix: string,
  timeline: readonly PartitionSample[],
  violations: readonly Violation[],
  span: ChartSpan,
  palette: NodePalette,
): string {
  const sampled = [...new Set(timeline.map((sample) => sample.partition))];
  const named = [
    ...new Set(violations.flatMap((v) => (v.partition === undefined ? [] : [v.partition]))),
  ].filter((p) => sampled.includes(p));
  const chosen = (named.length > 0 ? named : sampled).sort();
  const charted = chosen.slice(0, CHARTS_MAX);
  const left = chosen.slice(CHARTS_MAX);
  const endUs = Math.max(span.endUs, timeline.at(-1)?.timeUs ?? 0);
  const scale = timeScale(span.startUs, endUs, PLOT_LEFT, PLOT_RIGHT);
  const charts = charted.map((partition, i) =>
    chart(
      `${idPrefix}-${i + 1}`,
      partition,
      timeline.filter((sample) => sample.partition === partition),
      violations,
      scale,
      palette,
    ),
  );
  const more =
    left.length === 0
      ? ""
      : `<p class="note">${left.length} more partitions were sampled but not charted (at most ${CHARTS_MAX}): ${left.map(escapeHtml).join(", ")}.</p>`;
  return charts.join("") + more;
}

function chart(
  id: string,
  partition: string,
  samples: readonly PartitionSample[],
  violations: readonly Violation[],
  scale: TimeScale,
  palette: NodePalette,
): string {
  const brokers = [...new Set(samples.flatMap((s) => s.replicas.map((r) => r.broker)))].sort(compareNodes);
  let highest = 0;
  let isrMax = Math.max(1, brokers.length);
  for (const sample of samples) {
    isrMax = Math.max(isrMax, sample.isrSize);
    for (const replica of sample.replicas)
      highest = Math.max(highest, replica.logEndOffset, replica.highWatermark);
  }
  const offsetMax = niceCeiling(highest);
  const yOffset = (offset: number): number => OFFSETS_TOP + OFFSETS_HEIGHT * (1 - offset / offsetMax);
  const series = brokers.map((broker, i) => {
    const nudge = (i - (brokers.length - 1) / 2) * OVERLAP_NUDGE;
    const colour = palette.colourOf(broker);
    const valueAt = (pick: "logEndOffset" | "highWatermark") => (s: PartitionSample) => {
      const replica = s.replicas.find((r) => r.broker === broker);
      return replica === undefined ? undefined : yOffset(replica[pick]) + nudge;
    };
    return (
      `<path class="series-leo"${attrs({ d: stepPath(samples, valueAt("logEndOffset"), scale), stroke: colour })}>${tooltip(`${broker} log end offset`)}</path>` +
      `<path class="series-hw"${attrs({ d: stepPath(samples, valueAt("highWatermark"), scale), stroke: colour })}>${tooltip(`${broker} high watermark`)}</path>`
    );
  });
  const yIsr = (size: number): number => ISR_TOP + ISR_HEIGHT * (1 - size / isrMax);
  const isrLine = stepPath(samples, (s) => yIsr(s.isrSize), scale);
  const lastX = samples.length === 0 ? scale.left : scale.x(samples.at(-1)!.timeUs);
  const firstX = samples.length === 0 ? scale.left : scale.x(samples[0]!.timeUs);
  const isrArea = samples.length === 0 ? "" : `${isrLine}V${num(yIsr(0))}H${num(firstX)}Z`;
  const svg = [
    `<svg class="partition-chart"${attrs({ id, viewBox: `0 0 ${FIGURE_WIDTH} ${CHART_HEIGHT}`, width: FIGURE_WIDTH, height: CHART_HEIGHT, role: "img", "aria-label": `Replica offsets, leader and ISR size of ${partition}` })}>`,
    `<g class="chart-axes">${offsetAxis(offsetMax, yOffset)}${timeAxis(scale)}${isrAxis(isrMax, yIsr)}</g>`,
    `<text class="chart-row-label"${attrs({ x: PLOT_LEFT - 10, y: LEADER_TOP + 11, "text-anchor": "end" })}>leader</text>`,
    `<g class="leader-strip">${leaderStrip(samples, scale, palette, lastX)}</g>`,
    `<g class="isr">${samples.length === 0 ? "" : `<path class="isr-area"${attrs({ d: isrArea })}/><path class="isr-line"${attrs({ d: isrLine })}/>`}</g>`,
    `<g class="series">${series.join("")}</g>`,
    `<g class="chart-violations">${violations
      .filter((v) => v.partition === undefined || v.partition === partition)
      .map(
        (v) =>
          `<line class="violation-rule"${attrs({ x1: scale.x(v.timeUs), x2: scale.x(v.timeUs), y1: OFFSETS_TOP - 6, y2: ISR_TOP + ISR_HEIGHT })}>${tooltip(`${formatSimSeconds(v.timeUs)} ${v.check}: ${v.message}`)}</line>`,
      )
      .join("")}</g>`,
    `</svg>`,
  ].join("");
  const keys = brokers.map(
    (b) =>
      `<li><svg class="swatch" width="30" height="14" viewBox="0 0 30 14" aria-hidden="true"><line x1="1" y1="4" x2="29" y2="4" stroke="${palette.colourOf(b)}" stroke-width="2.5"/><line x1="1" y1="11" x2="29" y2="11" stroke="${palette.colourOf(b)}" stroke-width="2" stroke-dasharray="5 3"/></svg>${escapeHtml(b)}</li>`,
  );
  const legend = `<ul class="legend">${keys.join("")}<li class="legend-note">solid: log end offset · dashed: high watermark · gaps: replica down · lines ${OVERLAP_NUDGE} px apart where equal</li><li><svg class="swatch" width="30" height="14" viewBox="0 0 30 14" aria-hidden="true"><rect class="isr-area" x="1" y="3" width="28" height="10"/><line class="isr-line" x1="1" y1="3" x2="29" y2="3"/></svg>ISR size</li></ul>`;
  return `<figure class="chart"><h4>${escapeHtml(partition)} <span class="muted">· ${samples.length} samples</span></h4><div class="scroll">${svg}</div>${legend}</figure>`;
}

/** A step line through the samples; undefined values break it (the replica was not there). */
function stepPath(
  samples: readonly PartitionSample[],
  valueOf: (s: PartitionSample) => number | undefined,
  scale: TimeScale,
): string {
  let path = "";
  let previous: number | undefined;
  let lastX = 0;
  for (const sample of samples) {
    const x = scale.x(sample.timeUs);
    const y = valueOf(sample);
    if (y === undefined) {
      if (previous !== undefined) path += `H${num(x)}`;
    } else if (previous === undefined) {
      path += `M${num(x)},${num(y)}`;
    } else if (Math.abs(y - previous) > 0.05) {
      path += `H${num(x)}V${num(y)}`;
    }
    previous = y;
    lastX = x;
  }
  if (previous !== undefined) path += `H${num(lastX)}`;
  return path;
}

function leaderStrip(
  samples: readonly PartitionSample[],
  scale: TimeScale,
  palette: NodePalette,
  endX: number,
): string {
  const runs: { leader: string | null; startUs: Micros; endX: number }[] = [];
  for (const sample of samples) {
    const last = runs.at(-1);
    if (last !== undefined && last.leader === sample.leader) continue;
    if (last !== undefined) last.endX = scale.x(sample.timeUs);
    runs.push({ leader: sample.leader, startUs: sample.timeUs, endX });
  }
  return runs
    .map((run) => {
      const x = scale.x(run.startUs);
      const width = Math.max(1, run.endX - x);
      const title = `${formatSimSeconds(run.startUs)}: ${run.leader === null ? "no leader (offline)" : `leader ${run.leader}`}`;
      const fill = run.leader === null ? undefined : palette.colourOf(run.leader);
      const text =
        width > 60
          ? `<text class="strip-label"${attrs({ x: x + 4, y: LEADER_TOP + 11 })}>${escapeHtml(run.leader ?? "offline")}</text>`
          : "";
      return `<rect class="${run.leader === null ? "leader-none" : "leader-run"}"${attrs({ x, y: LEADER_TOP, width, height: LEADER_HEIGHT, fill })}>${tooltip(title)}</rect>${text}`;
    })
    .join("");
}

function offsetAxis(offsetMax: number, yOffset: (offset: number) => number): string {
  const step = Math.max(1, niceStep(offsetMax, 4));
  const ticks = Array.from({ length: Math.floor(offsetMax / step) + 1 }, (_, i) => i * step);
  return (
    ticks
      .map((offset) => {
        const y = yOffset(offset);
        return `<line class="gridline"${attrs({ x1: PLOT_LEFT, x2: PLOT_RIGHT, y1: y, y2: y })}/><text class="axis-label"${attrs({ x: PLOT_LEFT - 8, y: y + 4, "text-anchor": "end" })}>${count(offset)}</text>`;
      })
      .join("") +
    `<text class="chart-row-label"${attrs({ x: 14, y: OFFSETS_TOP + OFFSETS_HEIGHT / 2, transform: `rotate(-90 14 ${OFFSETS_TOP + OFFSETS_HEIGHT / 2})`, "text-anchor": "middle" })}>offset</text>`
  );
}

function isrAxis(isrMax: number, yIsr: (size: number) => number): string {
  return (
    [0, isrMax]
      .map(
        (size) =>
          `<line class="gridline"${attrs({ x1: PLOT_LEFT, x2: PLOT_RIGHT, y1: yIsr(size), y2: yIsr(size) })}/><text class="axis-label"${attrs({ x: PLOT_LEFT - 8, y: yIsr(size) + 4, "text-anchor": "end" })}>${size}</text>`,
      )
      .join("") +
    `<text class="chart-row-label"${attrs({ x: PLOT_LEFT - 30, y: ISR_TOP + ISR_HEIGHT / 2 + 4, "text-anchor": "end" })}>ISR size</text>`
  );
}

function timeAxis(scale: TimeScale): string {
  const yBase = ISR_TOP + ISR_HEIGHT;
  return timeTicks(scale)
    .map((tick) => {
      const x = scale.x(tick.timeUs);
      return `<line class="st-tick"${attrs({ x1: x, x2: x, y1: OFFSETS_TOP, y2: yBase + 4 })}/><text class="axis-label"${attrs({ x, y: yBase + 18, "text-anchor": "middle" })}>${escapeHtml(tick.label)}</text>`;
    })
    .join("");
}
