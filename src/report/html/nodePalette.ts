/**
 * Lane order and one colour per node, shared by the space-time diagram and the partition charts
 * so broker-1 is the same colour in both. The controller comes first, then brokers, then clients,
 * each in natural order (broker-2 before broker-10).
 */
const CONTROLLER_COLOUR = "#64748b";
const NODE_COLOURS = [
  "#2563eb",
  "#ea580c",
  "#16a34a",
  "#9333ea",
  "#db2777",
  "#0891b2",
  "#ca8a04",
  "#4f46e5",
  "#65a30d",
  "#be123c",
];

export interface NodePalette {
  /** Nodes in lane order. */
  readonly nodes: readonly string[];
  colourOf(node: string): string;
}

export function nodePalette(nodes: Iterable<string>): NodePalette {
  const ordered = [...new Set(nodes)].sort(compareNodes);
  const colours = new Map<string, string>();
  let next = 0;
  for (const node of ordered) {
    if (node === "controller") colours.set(node, CONTROLLER_COLOUR);
    else colours.set(node, NODE_COLOURS[next++ % NODE_COLOURS.length] ?? CONTROLLER_COLOUR);
  }
  return { nodes: ordered, colourOf: (node) => colours.get(node) ?? CONTROLLER_COLOUR };
}

function rankOf(node: string): number {
  if (node === "controller") return 0;
  if (node.startsWith("broker")) return 1;
  if (node === "harness") return 3;
  return 2;
}

/** Natural order: runs of digits compare as numbers. Locale-free, so output never varies. */
export function compareNodes(a: string, b: string): number {
  const rank = rankOf(a) - rankOf(b);
  if (rank !== 0) return rank;
  const partsA = a.match(/\d+|\D+/g) ?? [];
  const partsB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(partsA.length, partsB.length); i++) {
    const pa = partsA[i]!;
    const pb = partsB[i]!;
    if (pa === pb) continue;
    const bothNumbers = /^\d/.test(pa) && /^\d/.test(pb);
    if (bothNumbers) return Number(pa) - Number(pb) || (pa < pb ? -1 : 1);
    return pa < pb ? -1 : 1;
  }
  return partsA.length - partsB.length;
}
