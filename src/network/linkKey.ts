/** A directed link (from → to) between two registered node indices, as one number. */
export const NODES_MAX = 65_536;

export function linkKey(fromIndex: number, toIndex: number): number {
  return fromIndex * NODES_MAX + toIndex;
}
