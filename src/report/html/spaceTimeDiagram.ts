/**
 * The space-time diagram: a lane per node, simulated time flowing right. Fault intervals are
 * translucent bands on the lanes they hit, messages of the violated partitions are arrows from
 * sender to receiver at their delivery (or drop) time, leader changes and truncations are marks on
 * the lane they happen on, and each violation is a red rule across every lane.
 */
import { formatSimSeconds, plural } from "../format";
import type { DiagramMarker, DiagramModel } from "./diagramModel";
import { escapeHtml } from "./escape";
import type { FaultBand } from "./faultBands";
import { FIGURE_WIDTH, PLOT_LEFT, PLOT_RIGHT } from "./layout";
import type { NodePalette } from "./nodePalette";
import { attrs, count, num, tooltip } from "./svg";
import { thinArrows, type DrawnArrow } from "./thinArrows";
import { timeScale, timeTicks, type TimeScale } from "./timeAxis";

/** Arrows drawn at most: enough to see the traffic, few enough for a page that opens at once. */
export const ARROWS_MAX = 600;
/** Text labels beside marks at most (every mark is still drawn and has a tooltip). */
const MARK_LABELS_MAX = 40;

const LANE_HEIGHT = 54;
const TOP = 44;
const BOTTOM = 16;
/** Horizontal run of an arrow, so its direction shows even when latency is below a pixel. */
const ARROW_SKEW = 7;
const DROP_COLOUR = "#dc2626";

interface Geometry {
  readonly scale: TimeScale;
  readonly laneY: ReadonlyMap<string, number>;
  readonly height: number;
}

export function renderSpaceTimeDiagram(id: string, model: DiagramModel, palette: NodePalette): string {
  const lanes = palette.nodes.filter((node) => model.nodes.includes(node));
  const laneY = new Map(lanes.map((node, i) => [node, TOP + LANE_HEIGHT * (i + 0.5)] as const));
  const height = TOP + LANE_HEIGHT * lanes.length + BOTTOM;
  const geometry: Geometry = {
    scale: timeScale(model.startUs, model.endUs, PLOT_LEFT, PLOT_RIGHT),
    laneY,
    height,
  };
  const thinned = thinArrows(model.arrows, (arrow) => geometry.scale.x(arrow.timeUs), ARROWS_MAX);
  const svg = [
    `<svg class="space-time"${attrs({ id, viewBox: `0 0 ${FIGURE_WIDTH} ${num(height)}`, width: FIGURE_WIDTH, height, role: "img", "aria-label": `Space-time diagram of ${model.partitions.join(", ")}` })}>`,
    arrowheads(id, lanes, palette),
    `<g class="st-lanes">${lanes.map((node, i) => lane(node, i, geometry, palette)).join("")}</g>`,
    `<g class="st-grid">${grid(geometry)}</g>`,
    `<g class="st-bands">${model.bands.map((band) => bandRects(band, geometry)).join("")}</g>`,
    `<g class="st-messages">${thinned.drawn.map((arrow) => arrowShape(id, arrow, geometry, palette, lanes)).join("")}</g>`,
    `<g class="st-marks">${marks(model.markers, geometry)}</g>`,
    `<g class="st-violations">${violationRules(model, geometry)}</g>`,
    `</svg>`,
  ].join("");
  return `<figure class="diagram"><div class="scroll">${svg}</div>${legend()}<figcaption>${caption(model, thinned)}</figcaption></figure>`;
}

function arrowheads(id: string, lanes: readonly string[], palette: NodePalette): string {
  const heads = lanes.map(
    (node, i) =>
      `<marker${attrs({ id: `${id}-head-${i}`, viewBox: "0 0 8 8", refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" })}><path d="M0,0.5L8,4L0,7.5z"${attrs({ fill: palette.colourOf(node) })}/></marker>`,
  );
  return `<defs>${heads.join("")}</defs>`;
}

function lane(node: string, index: number, geometry: Geometry, palette: NodePalette): string {
  const y = geometry.laneY.get(node) ?? 0;
  const colour = palette.colourOf(node);
  const top = y - LANE_HEIGHT / 2;
  const stripe =
    index % 2 === 0
      ? `<rect class="st-stripe"${attrs({ x: 0, y: top, width: FIGURE_WIDTH, height: LANE_HEIGHT })}/>`
      : "";
  return (
    stripe +
    `<line class="st-lane"${attrs({ x1: PLOT_LEFT, x2: PLOT_RIGHT, y1: y, y2: y, stroke: colour })}/>` +
    `<circle${attrs({ cx: 16, cy: y, r: 5, fill: colour })}/>` +
    `<text class="st-lane-label"${attrs({ x: 28, y: y + 4.5 })}>${escapeHtml(node)}</text>`
  );
}

function grid(geometry: Geometry): string {
  const { scale, height } = geometry;
  return timeTicks(scale)
    .map((tick) => {
      const x = scale.x(tick.timeUs);
      return `<line class="st-tick"${attrs({ x1: x, x2: x, y1: TOP - 6, y2: height - BOTTOM })}/><text class="axis-label"${attrs({ x, y: TOP - 12, "text-anchor": "middle" })}>${escapeHtml(tick.label)}</text>`;
    })
    .join("");
}

function bandRects(band: FaultBand, geometry: Geometry): string {
  const x1 = geometry.scale.x(band.startUs);
  const width = Math.max(2, geometry.scale.x(band.endUs) - x1);
  const title = `${band.label}: ${formatSimSeconds(band.startUs)} – ${formatSimSeconds(band.endUs)}`;
  return band.nodes
    .map((node) => geometry.laneY.get(node))
    .filter((y): y is number => y !== undefined)
    .map((y) => {
      const rect = `<rect class="band band-${band.kind}"${attrs({ x: x1, y: y - LANE_HEIGHT / 2 + 5, width, height: LANE_HEIGHT - 10, rx: 3 })}>${tooltip(title)}</rect>`;
      const text =
        width > 70
          ? `<text class="band-label"${attrs({ x: x1 + 11, y: y - LANE_HEIGHT / 2 + 16 })}>${escapeHtml(bandWord(band))}</text>`
          : "";
      return rect + text;
    })
    .join("");
}

function bandWord(band: FaultBand): string {
  return band.kind === "crash"
    ? band.label.replace(/^\S+ /, "")
    : band.kind === "link"
      ? "degraded link"
      : band.kind === "pause"
        ? "paused"
        : "partitioned";
}

function arrowShape(
  id: string,
  arrow: DrawnArrow,
  geometry: Geometry,
  palette: NodePalette,
  lanes: readonly string[],
): string {
  const y1 = geometry.laneY.get(arrow.from);
  const y2 = geometry.laneY.get(arrow.to);
  if (y1 === undefined || y2 === undefined) return "";
  const x2 = geometry.scale.x(arrow.timeUs);
  const x1 = x2 - ARROW_SKEW;
  const times = arrow.count > 1 ? ` (${arrow.count} messages on this pixel)` : "";
  const what = `${arrow.type} ${arrow.from} → ${arrow.to} at ${formatSimSeconds(arrow.timeUs)}${times}`;
  if (arrow.dropped !== undefined) {
    const yMid = (y1 + y2) / 2;
    const xMid = x2 - ARROW_SKEW / 2;
    return `<g class="msg msg-drop">${tooltip(`${what}: dropped (${arrow.dropped})`)}<line${attrs({ x1, y1, x2: xMid, y2: yMid, stroke: DROP_COLOUR })}/><path${attrs({ d: `M${num(xMid - 3)},${num(yMid - 3)}l6,6m0,-6l-6,6`, stroke: DROP_COLOUR })}/></g>`;
  }
  const direction = Math.sign(y2 - y1);
  const head = `url(#${id}-head-${lanes.indexOf(arrow.from)})`;
  return `<line class="msg"${attrs({ x1, y1, x2, y2: y2 - direction * 2, stroke: palette.colourOf(arrow.from), "marker-end": head })}>${tooltip(what)}</line>`;
}

function marks(markers: readonly DiagramMarker[], geometry: Geometry): string {
  const lastLabelX = new Map<string, number>();
  let labels = 0;
  return markers
    .map((marker) => {
      const y = geometry.laneY.get(marker.node);
      if (y === undefined) return "";
      const x = geometry.scale.x(marker.timeUs);
      const shape = markShape(marker, x, y);
      // Process marks are labelled above the lane, partition marks below; a crash that lasts has its band's label.
      const above = marker.kind === "crash" || marker.kind === "restart";
      if (marker.kind === "crash" && marker.short === "crash") return shape;
      const slot = `${marker.node}|${above ? "above" : "below"}`;
      if (labels >= MARK_LABELS_MAX || x - (lastLabelX.get(slot) ?? -Infinity) < 64) return shape;
      lastLabelX.set(slot, x);
      labels++;
      return (
        shape +
        `<text class="mark-label"${attrs({ x: x + 9, y: above ? y - 9 : y + 18 })}>${escapeHtml(marker.short)}</text>`
      );
    })
    .join("");
}

function markShape(marker: DiagramMarker, x: number, y: number): string {
  const title = tooltip(`${formatSimSeconds(marker.timeUs)} ${marker.label}`);
  switch (marker.kind) {
    case "leader":
      return `<path class="mark-leader"${attrs({ d: `M${num(x)},${num(y - 7)}l7,7l-7,7l-7,-7z` })}>${title}</path>`;
    case "truncate":
      return `<path class="mark-truncate"${attrs({ d: `M${num(x - 6)},${num(y - 6)}h12l-6,10z` })}>${title}</path>`;
    case "crash":
      return `<g class="mark-crash">${title}<circle${attrs({ cx: x, cy: y, r: 7 })}/><path${attrs({ d: `M${num(x - 3.5)},${num(y - 3.5)}l7,7m0,-7l-7,7` })}/></g>`;
    case "restart":
      return `<path class="mark-restart"${attrs({ d: `M${num(x - 4)},${num(y - 6)}l9,6l-9,6z` })}>${title}</path>`;
  }
}

function violationRules(model: DiagramModel, geometry: Geometry): string {
  const byPixel = new Map<number, string[]>();
  for (const violation of model.violations) {
    const x = Math.round(geometry.scale.x(violation.timeUs));
    byPixel.set(x, [...(byPixel.get(x) ?? []), violation.check]);
  }
  return [...byPixel.entries()]
    .map(([x, checks]) => {
      const names = [...new Set(checks)].join(", ");
      const anchor = x > PLOT_RIGHT - 120 ? "end" : "start";
      const textX = anchor === "end" ? x - 5 : x + 5;
      return `<line class="violation-rule"${attrs({ x1: x, x2: x, y1: TOP - 4, y2: geometry.height - BOTTOM })}>${tooltip(`violation: ${names}`)}</line><text class="violation-label"${attrs({ x: textX, y: TOP + 10, "text-anchor": anchor })}>${escapeHtml(names)}</text>`;
    })
    .join("");
}

function legend(): string {
  const item = (swatch: string, label: string): string =>
    `<li><svg class="swatch" width="30" height="14" viewBox="0 0 30 14" aria-hidden="true">${swatch}</svg>${escapeHtml(label)}</li>`;
  return `<ul class="legend">${[
    item(
      `<line x1="2" y1="12" x2="26" y2="3" stroke="#475569" stroke-width="1.5"/><path d="M26,3l-6,0.5l3,4z" fill="#475569"/>`,
      "message (sender's colour, at delivery time)",
    ),
    item(
      `<line x1="2" y1="12" x2="16" y2="7" stroke="${DROP_COLOUR}" stroke-width="1.5" stroke-dasharray="3 2"/><path d="M14,4l6,6m0,-6l-6,6" stroke="${DROP_COLOUR}" stroke-width="1.5"/>`,
      "dropped message",
    ),
    item(
      `<rect class="band band-crash" x="1" y="1" width="28" height="12" rx="2"/>`,
      "node down (crash → start)",
    ),
    item(`<rect class="band band-pause" x="1" y="1" width="28" height="12" rx="2"/>`, "paused"),
    item(
      `<rect class="band band-partition" x="1" y="1" width="28" height="12" rx="2"/>`,
      "network partition (→ heal)",
    ),
    item(`<g class="mark-crash"><circle cx="15" cy="7" r="6"/><path d="M12,4l6,6m0,-6l-6,6"/></g>`, "crash"),
    item(`<path class="mark-restart" d="M11,1l9,6l-9,6z"/>`, "restart"),
    item(`<path class="mark-leader" d="M15,0l7,7l-7,7l-7,-7z"/>`, "leader change (on the new leader)"),
    item(`<path class="mark-truncate" d="M9,2h12l-6,10z"/>`, "log truncation"),
    item(`<line class="violation-rule" x1="15" x2="15" y1="0" y2="14"/>`, "violation"),
  ].join("")}</ul>`;
}

function caption(
  model: DiagramModel,
  thinned: { drawn: readonly unknown[]; merged: number; sampledOut: number },
): string {
  const dropped = model.arrows.filter((arrow) => arrow.dropped !== undefined).length;
  const marked = (kind: DiagramMarker["kind"]): number =>
    model.markers.filter((marker) => marker.kind === kind).length;
  const scope = model.allPartitions
    ? `No violation names a partition, so messages of every partition are shown (${model.partitions.map((p) => escapeHtml(p)).join(", ") || "none"}).`
    : `Messages that concern ${model.partitions.map((p) => `<code>${escapeHtml(p)}</code>`).join(", ")}.`;
  const facts =
    `${plural(model.arrows.length, "message")} (${count(model.arrows.length - dropped)} delivered, ${count(dropped)} dropped), ` +
    `${plural(marked("crash"), "crash", "crashes")}, ${plural(marked("leader"), "leader change")}, ${plural(marked("truncate"), "truncation")}, ` +
    `${plural(model.bands.length, "fault interval")} over ${escapeHtml(formatSimSeconds(model.endUs - model.startUs))} of simulated time.`;
  const thinning =
    thinned.merged + thinned.sampledOut === 0
      ? `Every message is drawn.`
      : `<strong>Drawing capped:</strong> ${count(thinned.drawn.length)} arrows drawn — ${count(thinned.merged)} messages share a pixel with another between the same lanes and are drawn once${thinned.sampledOut > 0 ? `, ${count(thinned.sampledOut)} more left out by even sampling (at most ${ARROWS_MAX} arrows)` : ""}. The counts above are exact.`;
  return `${scope} ${facts} ${thinning} Hover any mark for details.`;
}
