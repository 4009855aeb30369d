/**
 * Writes a report folder: `index.html`, `summary.md`, `results.json` and `junit.xml`. The per-
 * finding files (finding JSON, history, trace) are the caller's; the report links to them through
 * `Finding.files`. Output depends only on the inputs, so two reports of the same results diff clean.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { SuiteResults } from "../harness/findings";
import type { FindingDetails } from "./findingDetail";
import { renderHtml } from "./html/renderHtml";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { renderResultsJson } from "./resultsJson";

/** Absolute paths of the files written. */
export interface ReportFiles {
  readonly html: string;
  readonly markdown: string;
  readonly json: string;
  readonly junit: string;
}

export function writeReport(outDir: string, results: SuiteResults, details: FindingDetails): ReportFiles {
  if (typeof outDir !== "string" || outDir === "")
    throw new Error("writeReport: outDir must be a non-empty path");
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const files: ReportFiles = {
    html: join(dir, "index.html"),
    markdown: join(dir, "summary.md"),
    json: join(dir, "results.json"),
    junit: join(dir, "junit.xml"),
  };
  writeFileSync(files.html, renderHtml(results, details));
  writeFileSync(files.markdown, renderMarkdown(results));
  writeFileSync(files.json, renderResultsJson(results));
  writeFileSync(files.junit, renderJunit(results));
  return files;
}
