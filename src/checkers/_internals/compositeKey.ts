/**
 * A Map key made of several parts. The parts are joined with a control character no node name,
 * group, topic or number contains, so distinct tuples never collide — and, unlike
 * JSON.stringify of an array, it is cheap enough for the per-op hot path.
 */
const SEPARATOR = "\u0001";

export function compositeKey(...parts: readonly (string | number)[]): string {
  return parts.join(SEPARATOR);
}
