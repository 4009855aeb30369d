/** Small helpers for writing SVG by hand: compact numbers and escaped attributes. */
import { escapeHtml } from "./escape";

/** A coordinate with at most one decimal, no trailing ".0" (keeps big diagrams small). */
export function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** ` key="value"` pairs; numbers compacted, strings escaped, undefined skipped. */
export function attrs(values: Readonly<Record<string, string | number | undefined>>): string {
  let text = "";
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    text += ` ${key}="${typeof value === "number" ? num(value) : escapeHtml(value)}"`;
  }
  return text;
}

/** A hover tooltip: `<title>` as the first child of a shape. */
export function tooltip(text: string): string {
  return `<title>${escapeHtml(text)}</title>`;
}

/** "12,345": thousands separated the same way on every machine. */
export function count(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
