/**
 * Fault intervals read back from a trace: a crash lasts until the node starts again, a pause until
 * it resumes, a partition until the next heal, a degraded link for its duration. An interval still
 * open at the end of the trace runs to `endUs`.
 */
import type { Micros } from "../../kernel/time";
import type { TraceEvent } from "../../kernel/trace";
import { numberField, stringField } from "./traceFields";

export type FaultBandKind = "crash" | "pause" | "partition" | "link";

export interface FaultBand {
  readonly kind: FaultBandKind;
  /** The lanes it covers. */
  readonly nodes: readonly string[];
  readonly startUs: Micros;
  readonly endUs: Micros;
  readonly label: string;
}

interface OpenBand {
  readonly kind: FaultBandKind;
  readonly nodes: readonly string[];
  readonly startUs: Micros;
  readonly label: string;
}

export function faultBandsOf(trace: readonly TraceEvent[], endUs: Micros): FaultBand[] {
  const bands: FaultBand[] = [];
  const downSince = new Map<string, OpenBand>();
  const pausedSince = new Map<string, OpenBand>();
  let partitions: OpenBand[] = [];
  const close = (band: OpenBand, atUs: Micros): void => {
    bands.push({ ...band, endUs: Math.max(atUs, band.startUs) });
  };
  for (const event of trace) {
    const node = event.node;
    switch (event.kind) {
      case "crash":
        if (!downSince.has(node)) {
          const mode = stringField(event, "mode");
          downSince.set(node, {
            kind: "crash",
            nodes: [node],
            startUs: event.timeUs,
            label: `${node} down${mode === undefined ? "" : ` (${mode})`}`,
          });
        }
        break;
      case "start": {
        const open = downSince.get(node);
        if (open !== undefined) close(open, event.timeUs);
        downSince.delete(node);
        break;
      }
      case "pause":
        if (!pausedSince.has(node))
          pausedSince.set(node, {
            kind: "pause",
            nodes: [node],
            startUs: event.timeUs,
            label: `${node} paused`,
          });
        break;
      case "resume": {
        const open = pausedSince.get(node);
        if (open !== undefined) close(open, event.timeUs);
        pausedSince.delete(node);
        break;
      }
      case "heal":
        for (const open of partitions) close(open, event.timeUs);
        partitions = [];
        break;
      case "fault": {
        const kind = stringField(event, "kind");
        if (kind === "heal") {
          for (const open of partitions) close(open, event.timeUs);
          partitions = [];
        } else if (kind === "partition" || kind === "partition-oneway") {
          partitions.push(partitionBand(event));
        } else if (kind === "link") {
          const band = linkBand(event);
          if (band !== undefined) bands.push(band);
        }
        break;
      }
    }
  }
  for (const open of [...downSince.values(), ...pausedSince.values(), ...partitions]) close(open, endUs);
  return bands.sort((a, b) => a.startUs - b.startUs || a.kind.localeCompare(b.kind));
}

function partitionBand(event: TraceEvent): OpenBand {
  const from = stringField(event, "from");
  const to = stringField(event, "to");
  if (from !== undefined && to !== undefined) {
    return {
      kind: "partition",
      nodes: [from, to],
      startUs: event.timeUs,
      label: `${from} cannot reach ${to}`,
    };
  }
  const groupsText = stringField(event, "groups") ?? "";
  const groups = groupsText.split(" | ").map((group) => group.split(",").filter((node) => node !== ""));
  return {
    kind: "partition",
    nodes: groups.flat(),
    startUs: event.timeUs,
    label: `partition ${groups.map((group) => `[${group.join(", ")}]`).join(" / ")}`,
  };
}

function linkBand(event: TraceEvent): FaultBand | undefined {
  const from = stringField(event, "from");
  const to = stringField(event, "to");
  const durationMs = numberField(event, "durationMs");
  if (from === undefined || to === undefined || durationMs === undefined) return undefined;
  return {
    kind: "link",
    nodes: [from],
    startUs: event.timeUs,
    endUs: event.timeUs + durationMs * 1000,
    label: `link ${from} → ${to} degraded`,
  };
}
