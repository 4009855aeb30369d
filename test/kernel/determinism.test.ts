import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { determinismRun, type DeterminismResult } from "./determinismRun";

const REPO_ROOT = join(__dirname, "..", "..");

function inChildProcess(seed: string, fifo = false): DeterminismResult {
  const output = execFileSync(
    process.execPath,
    ["-r", "ts-node/register", join(__dirname, "printFingerprint.ts"), seed, ...(fifo ? ["fifo"] : [])],
    { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
  );
  return JSON.parse(output) as DeterminismResult;
}

describe("determinism", () => {
  it("the same seed gives the same fingerprint, run after run in one process", () => {
    const first = determinismRun("same-seed");
    expect(first.events).toBeGreaterThan(10_000);
    expect(determinismRun("same-seed")).toEqual(first);
    expect(determinismRun("same-seed", true)).toEqual(determinismRun("same-seed", true));
  });

  it("a different seed gives a different fingerprint", () => {
    const fingerprints = ["seed-1", "seed-2", "seed-3"].map((seed) => determinismRun(seed).fingerprint);
    expect(new Set(fingerprints).size).toBe(3);
    expect(determinismRun("seed-1", true).fingerprint).not.toBe(fingerprints[0]);
  });

  it("a fresh process computes the same fingerprint as this one", () => {
    expect(inChildProcess("cross-process")).toEqual(determinismRun("cross-process"));
    expect(inChildProcess("cross-process-fifo", true)).toEqual(determinismRun("cross-process-fifo", true));
  });
});
