import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderHtml, writeReport } from "../../src/report";
import { EVIL, sampleDetail, sampleResults } from "./sampleResults";

describe("writeReport", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("writes index.html, summary.md, results.json and junit.xml into the folder (creating it)", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ksim-report-")), "nested", "out");
    dirs.push(dir);
    const results = sampleResults();
    const files = writeReport(dir, results, new Map([[EVIL, sampleDetail()]]));
    expect(files).toEqual({
      html: join(dir, "index.html"),
      markdown: join(dir, "summary.md"),
      json: join(dir, "results.json"),
      junit: join(dir, "junit.xml"),
    });
    expect(JSON.parse(readFileSync(files.json, "utf8"))).toEqual(results);
    expect(readFileSync(files.json, "utf8")).toContain('\n  "schemaVersion": 1,');
    expect(readFileSync(files.html, "utf8")).toMatch(/^<!doctype html>/);
  });

  it("is deterministic: the same inputs give byte-identical pages", () => {
    const details = new Map([[EVIL, sampleDetail()]]);
    expect(renderHtml(sampleResults(), details)).toBe(renderHtml(sampleResults(), details));
  });

  it("is self-contained: nothing is loaded from anywhere", () => {
    const html = renderHtml(sampleResults(), new Map([[EVIL, sampleDetail()]]));
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(https?:|\/\/)/i);
    expect(html).toContain("default-src 'none'");
  });

  it("links the per-finding files the caller wrote", () => {
    const html = renderHtml(sampleResults(), new Map());
    expect(html).toContain('href="findings/evil.json"');
    expect(html).toContain('href="findings/evil.trace.jsonl"');
    expect(html).toContain("No trace or timeline was recorded");
  });

  it("refuses an empty folder name", () => {
    expect(() => writeReport("", sampleResults(), new Map())).toThrow(/writeReport: outDir/);
  });
});
