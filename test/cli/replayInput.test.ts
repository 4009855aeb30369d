/** `ksim replay` refuses bad input with exit 2 and a message naming what is wrong, never a stack trace. */
import { describe, expect, it } from "vitest";
import { ksim } from "./cliRunner";

const FINDING = "test/fixtures/cli/quick-unsafe.finding.json";
const SCENARIO = "test/fixtures/cli/quick-unsafe.yaml";

function expectBadInput(args: readonly string[], ...messages: string[]): void {
  const run = ksim(args);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  for (const message of messages) expect(run.stderr).toContain(message);
  expect(run.status).toBe(2);
}

describe("replay options", () => {
  it("a finding file with --scenario, --seed or --path is a conflict, not a silent choice", () => {
    expectBadInput(["replay", FINDING, "--scenario", SCENARIO, "--seed", "1", "--path", "0"], "not both", "drop --scenario, --seed, --path");
    expectBadInput(["replay", FINDING, "--seed", "1"], "drop --seed");
  });

  it("--seed must be a 32-bit unsigned integer: larger ones would wrap to another run", () => {
    for (const seed of ["99999999999999", "4294967296", "-1", "1.5"]) {
      expectBadInput(["replay", "--scenario", SCENARIO, "--seed", seed, "--path", "0"], `--seed must be a whole number from 0 to 4294967295 (got "${seed}")`);
    }
  });

  it("--path must be fast-check's colon-separated step indices", () => {
    for (const path of ["", "1:-1", "1::2", "a"]) {
      expectBadInput(["replay", "--scenario", SCENARIO, "--seed", "1", "--path", path], `--path must be whole numbers joined by ":"`);
    }
  });
});
