/**
 * Thinning for drawing only: arrows that would land on the same pixel column between the same two
 * lanes are merged into one (it carries the count); then, if more than `arrowsMax` remain, drops
 * (up to half the budget) and deliveries are each sampled evenly over time. The caller states the
 * true totals beside the drawing, never the thinned counts.
 */
import type { MessageArrow } from "./diagramModel";

export interface DrawnArrow extends MessageArrow {
  /** How many messages this one arrow stands for (merged onto the same pixel). */
  readonly count: number;
}

export interface ThinnedArrows {
  readonly drawn: readonly DrawnArrow[];
  /** Messages folded into another arrow on the same pixel. */
  readonly merged: number;
  /** Arrows left out by sampling, after merging. */
  readonly sampledOut: number;
}

export function thinArrows(
  arrows: readonly MessageArrow[],
  xOf: (arrow: MessageArrow) => number,
  arrowsMax: number,
): ThinnedArrows {
  const byPixel = new Map<string, { arrow: MessageArrow; count: number }>();
  for (const arrow of arrows) {
    const key = `${Math.round(xOf(arrow))}|${arrow.from}|${arrow.to}|${arrow.dropped ?? ""}`;
    const seen = byPixel.get(key);
    if (seen === undefined) byPixel.set(key, { arrow, count: 1 });
    else seen.count++;
  }
  const unique: DrawnArrow[] = [...byPixel.values()].map(({ arrow, count }) => ({ ...arrow, count }));
  const merged = arrows.length - unique.length;
  if (unique.length <= arrowsMax) return { drawn: unique, merged, sampledOut: 0 };

  const drops = unique.filter((arrow) => arrow.dropped !== undefined);
  const keptDrops = sampleEvenly(drops, Math.ceil(arrowsMax / 2));
  const deliveries = unique.filter((arrow) => arrow.dropped === undefined);
  const keptDeliveries = sampleEvenly(deliveries, arrowsMax - keptDrops.length);
  const drawn = [...keptDrops, ...keptDeliveries].sort((a, b) => a.timeUs - b.timeUs);
  return { drawn, merged, sampledOut: unique.length - drawn.length };
}

/** At most `count` items, spread evenly over the list, first and order kept. */
function sampleEvenly<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count <= 0) return [];
  const kept: T[] = [];
  for (let i = 0; i < count; i++) kept.push(items[Math.floor((i * items.length) / count)]!);
  return kept;
}
