/**
 * Runs the guarantee matrix: for every producer/broker configuration, the log guarantees (no loss,
 * no duplicates, order), and for every configuration × consumer strategy, the processing
 * guarantees (no loss, no duplicates in the sink). Each guarantee of each cell is its own property
 * (expect: hold on that guarantee's checks), so a ✗ comes with its own shrunk counterexample.
 */
import { faultToText, inTimeOrder } from "../faults/faultRunner";
import { runProperty } from "../harness/propertyRunner";
import type { CheckSpec } from "../scenario/checkSpec";
import type { Scenario } from "../scenario/scenario";
import { withSwarmChoices } from "../scenario/swarmChoices";
import { cellOverrides, matrixCells, type MatrixCell } from "./matrixGrid";
import { matrixBaseScenario } from "./matrixScenario";

export const GUARANTEES = {
  "log: no loss": ["lost-write:log"],
  "log: no duplicates": ["duplicate:log"],
  "log: order": ["nonmonotonic-send"],
  "sink: no loss": ["lost-write:sink"],
  "sink: no duplicates": ["duplicate:sink"],
} as const satisfies Record<string, readonly CheckSpec[]>;

export type Guarantee = keyof typeof GUARANTEES;
export const LOG_GUARANTEES: readonly Guarantee[] = ["log: no loss", "log: no duplicates", "log: order"];
export const SINK_GUARANTEES: readonly Guarantee[] = ["sink: no loss", "sink: no duplicates"];

export interface GuaranteeResult {
  readonly held: boolean;
  readonly runs: number;
  /** For ✗: the shrunk faults and the first violation. */
  readonly faults?: readonly string[];
  readonly violation?: string;
}

export interface MatrixRow {
  readonly cell: MatrixCell;
  readonly results: Partial<Record<Guarantee, GuaranteeResult>>;
}

export interface MatrixOptions {
  readonly runs: number;
  readonly fastCheckSeed: number;
  readonly wallClockMs: () => number;
  readonly betweenRuns?: () => Promise<void>;
  readonly interrupted?: () => boolean;
  readonly onCell?: (done: number, total: number) => void;
  /** Only these cells (tests). */
  readonly cells?: readonly MatrixCell[];
}

/** Log guarantees do not depend on the consumer's strategy: they are run once, on this one. */
const LOG_STRATEGY: MatrixCell["strategy"] = "process-then-commit";

export async function runMatrix(options: MatrixOptions): Promise<MatrixRow[]> {
  const base = matrixBaseScenario();
  const cells = options.cells ?? matrixCells();
  const rows: MatrixRow[] = [];
  for (const [index, cell] of cells.entries()) {
    if (options.interrupted?.()) break;
    const scenario = withSwarmChoices(base, cellOverrides(cell));
    const wanted = cell.strategy === LOG_STRATEGY ? [...LOG_GUARANTEES, ...SINK_GUARANTEES] : SINK_GUARANTEES;
    const results: Partial<Record<Guarantee, GuaranteeResult>> = {};
    for (const guarantee of wanted) results[guarantee] = await checkGuarantee(scenario, guarantee, options);
    rows.push({ cell, results });
    options.onCell?.(index + 1, cells.length);
  }
  return rows;
}

async function checkGuarantee(cellScenario: Scenario, guarantee: Guarantee, options: MatrixOptions): Promise<GuaranteeResult> {
  const scenario: Scenario = { ...cellScenario, checks: [...GUARANTEES[guarantee]], expect: { kind: "hold" } };
  const result = await runProperty(scenario, {
    runs: options.runs,
    fastCheckSeed: options.fastCheckSeed,
    wallClockMs: options.wallClockMs,
    ...(options.betweenRuns ? { betweenRuns: options.betweenRuns } : {}),
    ...(options.interrupted ? { interrupted: options.interrupted } : {}),
  });
  if (result.verdict === "error") throw new Error(`matrix cell failed in the harness: ${result.error}`);
  const finding = result.finding;
  if (finding === undefined) return { held: true, runs: result.runs };
  return {
    held: false,
    runs: result.runs,
    faults: inTimeOrder(finding.counterexample.faults).map(faultToText),
    violation: finding.violations[0]?.message ?? "",
  };
}
