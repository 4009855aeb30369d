/**
 * Summarises a V8 profile: the top functions by self time (or, for a sampling heap profile, by
 * live bytes allocated there), optionally only below a named function (`--under runOnce`), plus
 * the shares per source folder and file.
 *
 *   node -r ts-node/register bench/profileSummary.ts <file.cpuprofile|file.heapprofile> [--under NAME] [--top N]
 */
import { readFileSync } from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

interface Weighted {
  /** Frames from the root down to this one. */
  stack: CallFrame[];
  weight: number;
}

function shortUrl(url: string): string {
  const at = url.indexOf("/src/");
  if (at >= 0) return url.slice(at + 1);
  const nm = url.indexOf("node_modules/");
  if (nm >= 0) return url.slice(nm);
  return url.replace(/^file:\/\//, "");
}

function frameKey(frame: CallFrame): string {
  const name = frame.functionName === "" ? "(anonymous)" : frame.functionName;
  return frame.url === "" ? name : `${name}  ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

function cpuWeights(profile: CpuProfile): { items: Weighted[]; unit: string } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const timeById = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    timeById.set(id, (timeById.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const items: Weighted[] = [];
  for (const [id, micros] of timeById) {
    const stack: CallFrame[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
      stack.unshift(byId.get(cur)!.callFrame);
    items.push({ stack, weight: micros / 1000 });
  }
  return { items, unit: "ms" };
}

function heapWeights(head: HeapNode): { items: Weighted[]; unit: string } {
  const items: Weighted[] = [];
  const walk = (node: HeapNode, stack: CallFrame[]): void => {
    const here = [...stack, node.callFrame];
    if (node.selfSize > 0) items.push({ stack: here, weight: node.selfSize / (1024 * 1024) });
    for (const child of node.children) walk(child, here);
  };
  walk(head, []);
  return { items, unit: "MiB" };
}

/** Per src/ function, the weight of every sample with it anywhere on the stack (counted once). */
function inclusive(items: readonly Weighted[]): [string, number][] {
  const map = new Map<string, number>();
  for (const w of items) {
    const seen = new Set<string>();
    for (const frame of w.stack) {
      if (!shortUrl(frame.url).startsWith("src/")) continue;
      const key = frameKey(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      map.set(key, (map.get(key) ?? 0) + w.weight);
    }
  }
  return [...map].sort((a, b) => b[1] - a[1]);
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith("--") && !(args[i - 1] ?? "").startsWith("--"));
  if (file === undefined)
    throw new Error("usage: profileSummary <file.cpuprofile|file.heapprofile> [--under NAME] [--top N]");
  const under = args.includes("--under") ? args[args.indexOf("--under") + 1] : undefined;
  const top = args.includes("--top") ? Number(args[args.indexOf("--top") + 1]) : 25;
  const json = JSON.parse(readFileSync(file, "utf8")) as CpuProfile | { head: HeapNode };
  const { items: all, unit } = "head" in json ? heapWeights(json.head) : cpuWeights(json);
  // Garbage collection is charged to whatever runs then; keep it in the "under" view too.
  const items =
    under === undefined
      ? all
      : all.filter(
          (w) =>
            w.stack.some((f) => f.functionName === under) ||
            w.stack.at(-1)?.functionName === "(garbage collector)",
        );
  const total = items.reduce((sum, w) => sum + w.weight, 0);
  const grandTotal = all.reduce((sum, w) => sum + w.weight, 0);
  const tally = (key: (w: Weighted) => string): [string, number][] => {
    const map = new Map<string, number>();
    for (const w of items) map.set(key(w), (map.get(key(w)) ?? 0) + w.weight);
    return [...map].sort((a, b) => b[1] - a[1]);
  };
  const pct = (value: number): string => `${((100 * value) / total).toFixed(1).padStart(5)}%`;
  const leaf = (w: Weighted): CallFrame => w.stack.at(-1)!;
  const folder = (w: Weighted): string => {
    const url = shortUrl(leaf(w).url);
    if (url.startsWith("src/"))
      return url
        .split("/")
        .slice(0, url.startsWith("src/checkers/") ? 3 : 2)
        .join("/")
        .replace(/\.ts$/, "");
    return url === ""
      ? frameKey(leaf(w))
      : url.startsWith("node_modules/")
        ? url.split("/").slice(0, 2).join("/")
        : "(node internals)";
  };
  const lines = [
    `${file}`,
    `total ${total.toFixed(0)} ${unit}${under === undefined ? "" : ` under ${under} (+ GC), of ${grandTotal.toFixed(0)} ${unit} in the profile`}`,
    "",
    `top ${top} by self ${unit === "ms" ? "time" : "live bytes"}:`,
    ...tally((w) => frameKey(leaf(w)))
      .slice(0, top)
      .map(([k, v]) => `${pct(v)}  ${v.toFixed(0).padStart(7)} ${unit}  ${k}`),
    "",
    `top ${top} src/ functions by inclusive ${unit === "ms" ? "time" : "live bytes"} (self + callees):`,
    ...inclusive(items)
      .slice(0, top)
      .map(([k, v]) => `${pct(v)}  ${v.toFixed(0).padStart(7)} ${unit}  ${k}`),
    "",
    "by folder (self):",
    ...tally(folder)
      .slice(0, 15)
      .map(([k, v]) => `${pct(v)}  ${k}`),
    "",
    "by file (self):",
    ...tally((w) => shortUrl(leaf(w).url) || frameKey(leaf(w)))
      .slice(0, 15)
      .map(([k, v]) => `${pct(v)}  ${k}`),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

main();
