import { describe, expect, it } from "vitest";
import type { Violation } from "../../src/checkers/violation";
import type { TraceEvent } from "../../src/kernel/trace";
import { diagramModelOf } from "../../src/report/html/diagramModel";
import { faultBandsOf } from "../../src/report/html/faultBands";
import { nodePalette } from "../../src/report/html/nodePalette";
import { ARROWS_MAX, renderSpaceTimeDiagram } from "../../src/report/html/spaceTimeDiagram";
import { thinArrows } from "../../src/report/html/thinArrows";

const violation = (partition: string | undefined, timeUs = 9_000_000): Violation => ({
  check: "committed-lost",
  ...(partition === undefined ? {} : { partition }),
  timeUs,
  traceIndex: 0,
  message: "lost",
});

let index = 0;
const message = (timeUs: number, from: string, to: string, detail: object, kind = "deliver"): TraceEvent => ({
  index: index++,
  timeUs,
  kind,
  node: from,
  to,
  detail,
});
const note = (timeUs: number, kind: string, node: string, detail?: object): TraceEvent => ({
  index: index++,
  timeUs,
  kind,
  node,
  ...(detail ? { detail } : {}),
});

describe("the space-time diagram's model", () => {
  const trace: TraceEvent[] = [
    message(1000, "client", "broker-0", {
      type: "ProduceRequest",
      partitions: [{ topic: "orders", partition: 0 }],
    }),
    message(2000, "client", "broker-0", {
      type: "ProduceRequest",
      partitions: [{ topic: "orders", partition: 1 }],
    }),
    message(3000, "broker-1", "controller", { type: "AlterPartitionRequest", topic: "orders", partition: 0 }),
    message(4000, "controller", "broker-1", {
      type: "MetadataUpdate",
      metadata: { partitions: [{ topic: "orders", partition: 0 }] },
    }),
    message(
      5000,
      "broker-2",
      "broker-0",
      { type: "FetchRequest", partitions: [{ topic: "orders", partition: 0 }] },
      "drop:partition",
    ),
    note(6000, "leader-change", "controller", { partition: "orders-0", leader: "broker-1", leaderEpoch: 3 }),
    note(6500, "leader-change", "controller", { partition: "orders-1", leader: "broker-2", leaderEpoch: 3 }),
    note(7000, "truncate", "broker-2", { partition: "orders-0", toOffset: 4, reason: "diverged" }),
  ];

  it("keeps only messages that name a violated partition, at the top level or in a partitions list", () => {
    const model = diagramModelOf(trace, [violation("orders-0")]);
    expect(model.partitions).toEqual(["orders-0"]);
    expect(model.arrows.map((a) => a.type)).toEqual([
      "ProduceRequest",
      "AlterPartitionRequest",
      "FetchRequest",
    ]);
    expect(model.arrows[2]).toMatchObject({ from: "broker-2", to: "broker-0", dropped: "partition" });
    expect(model.markers.map((m) => `${m.kind}:${m.node}`)).toEqual(["leader:broker-1", "truncate:broker-2"]);
  });

  it("falls back to every partition when no violation names one, and says so", () => {
    const model = diagramModelOf(trace, [violation(undefined)]);
    expect(model.allPartitions).toBe(true);
    expect(model.partitions).toEqual(["orders-0", "orders-1"]);
    expect(model.arrows).toHaveLength(4);
  });

  it("turns crash→start, pause→resume and partition→heal into bands; open ones run to the end", () => {
    const bands = faultBandsOf(
      [
        note(1000, "crash", "broker-1", { mode: "kill" }),
        note(2000, "pause", "broker-2"),
        note(3000, "fault", "harness", { kind: "partition", groups: "broker-0 | broker-1,broker-2" }),
        note(4000, "start", "broker-1"),
        note(5000, "resume", "broker-2"),
        note(6000, "heal", "harness"),
        note(7000, "crash", "broker-0", { mode: "power-loss" }),
      ],
      9000,
    );
    expect(bands.map((b) => [b.kind, b.nodes.join(","), b.startUs, b.endUs])).toEqual([
      ["crash", "broker-1", 1000, 4000],
      ["pause", "broker-2", 2000, 5000],
      ["partition", "broker-0,broker-1,broker-2", 3000, 6000],
      ["crash", "broker-0", 7000, 9000],
    ]);
  });
});

describe("thinning what is drawn", () => {
  it("merges arrows on one pixel, samples the rest evenly, and keeps drops", () => {
    const arrows = Array.from({ length: 5000 }, (_, i) => ({
      timeUs: i * 1000,
      from: "broker-1",
      to: "broker-0",
      type: "FetchRequest",
      ...(i % 500 === 0 ? { dropped: "loss" } : {}),
    }));
    const thinned = thinArrows(arrows, (a) => a.timeUs / 2000, 300);
    expect(thinned.drawn.length).toBeLessThanOrEqual(300);
    expect(thinned.drawn.filter((a) => a.dropped !== undefined)).toHaveLength(10);
    expect(thinned.merged).toBeGreaterThan(2000);
    expect(thinned.drawn.length + thinned.sampledOut).toBe(5000 - thinned.merged);
    expect(thinned.drawn.every((a, i) => i === 0 || thinned.drawn[i - 1]!.timeUs <= a.timeUs)).toBe(true);
  });

  it("renders a trace of many thousands of events capped, stating the exact totals", () => {
    const nodes = ["controller", "broker-0", "broker-1", "broker-2", "client"];
    const big: TraceEvent[] = [];
    for (let i = 0; i < 40_000; i++) {
      const from = nodes[i % 5]!;
      const to = nodes[(i + 1) % 5]!;
      big.push(
        message(i * 750, from, to, {
          type: "FetchRequest",
          partitions: [{ topic: "orders", partition: i % 2 }],
        }),
      );
    }
    const model = diagramModelOf(big, [violation("orders-0", 20_000_000)]);
    const svg = renderSpaceTimeDiagram("big", model, nodePalette(model.nodes));
    expect(model.arrows).toHaveLength(20_000);
    expect((svg.match(/<line class="msg"/g) ?? []).length).toBeLessThanOrEqual(ARROWS_MAX);
    expect(svg).toContain("20,000 messages (20,000 delivered, 0 dropped)");
    expect(svg).toContain("Drawing capped:");
  });

  it("orders lanes controller, brokers (naturally), then clients", () => {
    expect(nodePalette(["client-b", "broker-10", "broker-2", "controller", "client-a"]).nodes).toEqual([
      "controller",
      "broker-2",
      "broker-10",
      "client-a",
      "client-b",
    ]);
  });
});
