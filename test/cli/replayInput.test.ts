/** `ksim replay` refuses bad input with exit 2 and a message naming what is wrong, never a stack trace. */
import { describe, expect, it } from "vitest";
import { editedCopy, ksim } from "./cliRunner";

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

type Json = Record<string, unknown>;
type Editable = Json & { counterexample: Json };

function firstFault(finding: Editable): Json {
  return (finding.counterexample["faults"] as Json[])[0]!;
}

/** The fixture finding with one change, written to a temporary file. */
function corrupted(name: string, change: (data: Editable) => void): string {
  return editedCopy<Editable>(FINDING, name, change);
}

describe("replay of a corrupted finding file", () => {
  it("a field of the wrong shape or type is bad input naming the file and the field", () => {
    const cases: [string, (finding: Editable) => void, string][] = [
      ["no-faults", (f) => delete f.counterexample["faults"], "counterexample.faults: is required (a list)"],
      ["faults-string", (f) => (f.counterexample["faults"] = "x"), 'counterexample.faults: expected a list, got "x"'],
      ["no-hash", (f) => delete f["contentHash"], "contentHash: is required (a string)"],
      ["bad-kind", (f) => (firstFault(f)["kind"] = "explode"), 'counterexample.faults[0].kind: expected one of crash | restart'],
      ["negative-seed", (f) => (f.counterexample["seed"] = -5), "counterexample.seed: must be ≥ 0, got -5"],
      ["fraction-seed", (f) => (f.counterexample["seed"] = 1.5), "counterexample.seed: expected an integer, got 1.5"],
      ["bad-path", (f) => (f["fastCheckPath"] = "1:-1"), "fastCheckPath: expected whole numbers joined by"],
    ];
    for (const [name, change, message] of cases) {
      const file = corrupted(name, change);
      expectBadInput(["replay", file], `${file}: ${message}`);
    }
  });

  it("a fault or swarm choice the scenario cannot take is bad input, not a crash in the simulation", () => {
    const unknownNode = corrupted("unknown-node", (f) => (firstFault(f)["node"] = "broker-9"));
    expectBadInput(["replay", unknownNode], `${unknownNode}: counterexample.faults[0].node: unknown node "broker-9"`);
    const late = corrupted("late", (f) => (firstFault(f)["at"] = 1_000_000_000));
    expectBadInput(["replay", late], `${late}: counterexample.faults[0].at: at 1000000000 is outside the chaos phase [0, 4000)`);
    const swarm = corrupted("swarm", (f) => (f.counterexample["swarmChoices"] = { "network.loss": 0.5 }));
    expectBadInput(["replay", swarm], `${swarm}: counterexample.swarmChoices: "network.loss" is not a swarm key`);
  });
});
