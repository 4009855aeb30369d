import { describe, expect, it } from "vitest";
import type { PartitionSample } from "../../src/harness/timelineSampler";
import { nodePalette } from "../../src/report/html/nodePalette";
import { renderPartitionCharts } from "../../src/report/html/partitionCharts";

function samples(
  partition: string,
  count: number,
  crashedFrom: number,
  crashedTo: number,
): PartitionSample[] {
  return Array.from({ length: count }, (_, i) => ({
    timeUs: i * 1000,
    partition,
    leader: i < count / 2 ? "broker-0" : null,
    isrSize: i < count / 2 ? 2 : 1,
    replicas: [
      { broker: "broker-0", logEndOffset: Math.floor(i / 100), highWatermark: Math.floor(i / 200) },
      ...(i >= crashedFrom && i < crashedTo
        ? []
        : [{ broker: "broker-1", logEndOffset: Math.floor(i / 100), highWatermark: 0 }]),
    ],
  }));
}

describe("per-partition charts", () => {
  const palette = nodePalette(["broker-0", "broker-1"]);

  it("draws a series only where its value changes, so ten thousand samples stay small", () => {
    const html = renderPartitionCharts(
      "c",
      samples("orders-0", 10_000, 4000, 6000),
      [],
      { startUs: 0, endUs: 10_000_000 },
      palette,
    );
    const leo = /<path class="series-leo" d="([^"]*)"/.exec(html)?.[1] ?? "";
    expect((leo.match(/V/g) ?? []).length).toBe(99);
    expect(html).toContain('class="partition-chart"');
    expect(html).toContain("10000 samples");
  });

  it("breaks a replica's line while it is absent (down)", () => {
    const html = renderPartitionCharts(
      "c",
      samples("orders-0", 1000, 300, 600),
      [],
      { startUs: 0, endUs: 1_000_000 },
      palette,
    );
    const paths = [...html.matchAll(/<path class="series-leo" d="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(paths[0]!.match(/M/g)).toHaveLength(1);
    expect(paths[1]!.match(/M/g)).toHaveLength(2);
  });

  it("marks offline stretches in the leader strip and charts the violated partitions only", () => {
    const timeline = [...samples("orders-0", 100, 0, 0), ...samples("orders-1", 100, 0, 0)];
    const html = renderPartitionCharts(
      "c",
      timeline,
      [{ check: "hw-regression", partition: "orders-1", timeUs: 50_000, traceIndex: 0, message: "x" }],
      { startUs: 0, endUs: 100_000 },
      palette,
    );
    expect(html).toContain("<h4>orders-1");
    expect(html).not.toContain("<h4>orders-0");
    expect(html).toContain('class="leader-none"');
    expect(html).toContain('class="violation-rule"');
  });
});
