/** A linear scale over simulated time and "nice" tick positions in seconds. */
import type { Micros } from "../../kernel/time";

export interface TimeScale {
  readonly startUs: Micros;
  readonly endUs: Micros;
  readonly left: number;
  readonly right: number;
  x(timeUs: Micros): number;
}

export function timeScale(startUs: Micros, endUs: Micros, left: number, right: number): TimeScale {
  const spanUs = Math.max(1, endUs - startUs);
  return {
    startUs,
    endUs,
    left,
    right,
    x: (timeUs) => left + ((timeUs - startUs) / spanUs) * (right - left),
  };
}

/** 1, 2 or 5 times a power of ten, so that about `target` steps fit in `span`. */
export function niceStep(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const mantissa = raw / power;
  const nice = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
  return nice * power;
}

/** Tick times within the scale, at a nice step in seconds. */
export function timeTicks(scale: TimeScale, target = 10): { timeUs: Micros; label: string }[] {
  const spanS = (scale.endUs - scale.startUs) / 1_000_000;
  const stepS = niceStep(spanS, target);
  const decimals = Math.max(0, -Math.floor(Math.log10(stepS) + 1e-9));
  const ticks: { timeUs: Micros; label: string }[] = [];
  const firstS = Math.ceil(scale.startUs / 1_000_000 / stepS - 1e-9) * stepS;
  for (let s = firstS, i = 0; s <= scale.endUs / 1_000_000 + 1e-9 && i < 1000; i++, s = firstS + i * stepS) {
    ticks.push({ timeUs: Math.round(s * 1_000_000), label: `${s.toFixed(decimals)} s` });
  }
  return ticks;
}

/** Upper bound for a value axis: a nice number at or above `max` (at least 1). */
export function niceCeiling(max: number): number {
  if (max <= 1) return 1;
  const step = Math.max(1, niceStep(max, 4));
  return Math.ceil(max / step) * step;
}
