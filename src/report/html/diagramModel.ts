/**
 * What the space-time diagram shows, extracted from a trace as plain data: the message events of
 * the partitions the violations name, fault intervals, leader changes and truncations of those
 * partitions, and the violations themselves. Nothing here is thinned; drawing thins.
 */
import type { Violation } from "../../checkers/violation";
import type { Micros } from "../../kernel/time";
import type { TraceEvent } from "../../kernel/trace";
import { faultBandsOf, type FaultBand } from "./faultBands";
import { messageMentions, parsePartitionKey, type PartitionRef } from "./partitionFilter";
import { isMessageEvent, messageType, numberField, stringField } from "./traceFields";

export interface MessageArrow {
  readonly timeUs: Micros;
  readonly from: string;
  readonly to: string;
  readonly type: string;
  /** The drop reason ("loss", "partition", "nodeDown"), or undefined when delivered. */
  readonly dropped?: string;
}

export type MarkerKind = "leader" | "truncate" | "crash" | "restart";

export interface DiagramMarker {
  readonly kind: MarkerKind;
  readonly timeUs: Micros;
  readonly node: string;
  /** A few characters drawn beside the mark ("e3", "→ 5"). */
  readonly short: string;
  /** The whole sentence, for the tooltip. */
  readonly label: string;
}

/** At one instant, a process event comes before what it caused. */
const MARKER_ORDER: Readonly<Record<MarkerKind, number>> = { crash: 0, restart: 1, leader: 2, truncate: 3 };

export interface DiagramModel {
  /** The partitions whose messages are drawn ("orders-0"). */
  readonly partitions: readonly string[];
  /** True when no violation named a partition and every partition in the trace is shown instead. */
  readonly allPartitions: boolean;
  readonly nodes: readonly string[];
  readonly startUs: Micros;
  readonly endUs: Micros;
  readonly arrows: readonly MessageArrow[];
  readonly bands: readonly FaultBand[];
  readonly markers: readonly DiagramMarker[];
  readonly violations: readonly Violation[];
}

export function diagramModelOf(
  trace: readonly TraceEvent[],
  violations: readonly Violation[],
  endUsAtLeast: Micros = 0,
): DiagramModel {
  const named = [
    ...new Set(violations.flatMap((v) => (v.partition === undefined ? [] : [v.partition]))),
  ].sort();
  const allPartitions = named.length === 0;
  const keys = allPartitions ? partitionsInTrace(trace) : named;
  const refs = keys.map(parsePartitionKey).filter((ref): ref is PartitionRef => ref !== undefined);
  const keySet = new Set(keys);
  const endUs = Math.max(endUsAtLeast, trace.at(-1)?.timeUs ?? 0, ...violations.map((v) => v.timeUs));
  const arrows: MessageArrow[] = [];
  const markers: DiagramMarker[] = [];
  for (const event of trace) {
    if (isMessageEvent(event)) {
      if (messageMentions(event, refs)) arrows.push(arrowOf(event));
      continue;
    }
    const partition = stringField(event, "partition");
    if (partition === undefined || !keySet.has(partition)) continue;
    const marker = markerOf(event, partition);
    if (marker !== undefined) markers.push(marker);
  }
  const bands = faultBandsOf(trace, endUs);
  markers.push(...bands.flatMap((band) => crashMarkers(band, endUs)));
  markers.sort((a, b) => a.timeUs - b.timeUs || MARKER_ORDER[a.kind] - MARKER_ORDER[b.kind]);
  const nodes = new Set<string>();
  for (const arrow of arrows) nodes.add(arrow.from).add(arrow.to);
  for (const band of bands) for (const node of band.nodes) nodes.add(node);
  for (const marker of markers) nodes.add(marker.node);
  return {
    partitions: keys,
    allPartitions,
    nodes: [...nodes],
    startUs: 0,
    endUs,
    arrows,
    bands,
    markers,
    violations,
  };
}

function arrowOf(event: TraceEvent): MessageArrow {
  const base = {
    timeUs: event.timeUs,
    from: event.node,
    to: event.to ?? event.node,
    type: messageType(event),
  };
  return event.kind === "deliver" ? base : { ...base, dropped: event.kind.slice("drop:".length) };
}

function markerOf(event: TraceEvent, partition: string): DiagramMarker | undefined {
  if (event.kind === "leader-change") {
    const leader = stringField(event, "leader") ?? "none";
    const epoch = numberField(event, "leaderEpoch");
    const unclean =
      event.detail !== undefined && (event.detail as Record<string, unknown>)["unclean"] === true;
    const label = `${partition}: leader ${leader}${epoch === undefined ? "" : `, epoch ${epoch}`}${unclean ? " (unclean)" : ""}`;
    const short = leader === "none" ? "offline" : `leader e${epoch ?? "?"}`;
    return {
      kind: "leader",
      timeUs: event.timeUs,
      node: leader === "none" ? event.node : leader,
      short,
      label,
    };
  }
  if (event.kind === "truncate") {
    const toOffset = numberField(event, "toOffset");
    const reason = stringField(event, "reason");
    const label = `${event.node} truncates ${partition}${toOffset === undefined ? "" : ` to offset ${toOffset}`}${reason === undefined ? "" : ` (${reason})`}`;
    return {
      kind: "truncate",
      timeUs: event.timeUs,
      node: event.node,
      short: `trunc → ${toOffset ?? "?"}`,
      label,
    };
  }
  return undefined;
}

/** A crash and, when it came back within the trace, its restart; one mark when both are at once. */
function crashMarkers(band: FaultBand, endUs: Micros): DiagramMarker[] {
  if (band.kind !== "crash") return [];
  const node = band.nodes[0] ?? "";
  const restarted = band.endUs < endUs;
  if (restarted && band.endUs === band.startUs) {
    return [
      {
        kind: "crash",
        timeUs: band.startUs,
        node,
        short: "crash+restart",
        label: `${band.label}, restarted at once`,
      },
    ];
  }
  const crash: DiagramMarker = {
    kind: "crash",
    timeUs: band.startUs,
    node,
    short: "crash",
    label: band.label,
  };
  return restarted
    ? [crash, { kind: "restart", timeUs: band.endUs, node, short: "restart", label: `${node} starts again` }]
    : [crash];
}

/** Every partition key a note names, for runs whose violations name none. */
function partitionsInTrace(trace: readonly TraceEvent[]): string[] {
  const keys = new Set<string>();
  for (const event of trace) {
    if (event.kind !== "leader-change" && event.kind !== "isr-change") continue;
    const partition = stringField(event, "partition");
    if (partition !== undefined && !partition.startsWith("__")) keys.add(partition);
  }
  return [...keys].sort();
}
