/** `results.json`: the `SuiteResults` exactly, pretty-printed (schema in RESULTS_SCHEMA.md). */
import type { SuiteResults } from "../harness/findings";

export function renderResultsJson(results: SuiteResults): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
