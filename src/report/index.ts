/** Reports: HTML (inline SVG), Markdown, JSON and JUnit, written to one folder. */
export { writeReport, type ReportFiles } from "./writeReport";
export type { FindingDetail, FindingDetails } from "./findingDetail";
export { renderHtml } from "./html/renderHtml";
export { renderMarkdown } from "./markdown";
export { renderJunit } from "./junit";
export { renderResultsJson } from "./resultsJson";
export { escapeHtml } from "./html/escape";
