/** Fragment ids of a scenario's section on the page: positional, so any name is safe in an id. */
export function sectionIdOf(scenarioIndex: number): string {
  return `scenario-${scenarioIndex + 1}`;
}

/** Whether a scenario gets its own section (a finding to show, or a verdict to explain). */
export function hasSection(result: { readonly verdict: string; readonly finding?: unknown }): boolean {
  return result.finding !== undefined || result.verdict !== "pass";
}
