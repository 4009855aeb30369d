/** What every benchmark group shares: options from the command line, machine facts, result files. */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";

export interface BenchOptions {
  /** Events (or operations) to measure; each group has its own default. */
  events?: number;
  /** Stamped into the result file when given; otherwise results carry no date. */
  date?: string;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return { cpuModel: list[0]?.model.trim() ?? "unknown", cores: list.length, node: process.version };
}

export const RESULTS_DIR = join(__dirname, "results");

export function writeResult(group: string, result: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${group}.json`);
  writeFileSync(path, JSON.stringify(result, null, 2) + "\n");
  return path;
}
