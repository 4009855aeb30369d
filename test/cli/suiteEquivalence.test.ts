import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { comparableResults, ksim, tempDir } from "./cliRunner";

const FIXTURES = "test/fixtures/cli";

describe("results do not depend on how the suite is run", () => {
  it("--workers 2 gives the same results as --workers 1 (timings aside)", () => {
    const one = tempDir("w1");
    const two = tempDir("w2");
    const first = ksim(["run", FIXTURES, "--workers", "1", "--out", one]);
    const second = ksim(["run", FIXTURES, "--workers", "2", "--out", two]);
    expect([first.status, second.status]).toEqual([0, 0]);
    const fingerprint = (stdout: string): string | undefined => /^fingerprint: ([0-9a-f]{16})$/m.exec(stdout)?.[1];
    expect(fingerprint(first.stdout)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(second.stdout)).toBe(fingerprint(first.stdout));
    expect(comparableResults(path.join(two, "results.json"))).toEqual(comparableResults(path.join(one, "results.json")));
  });

  it("two --shard halves merged by ksim report equal one full run", () => {
    const full = tempDir("full");
    const first = tempDir("s1");
    const second = tempDir("s2");
    const merged = tempDir("merged");
    expect(ksim(["run", FIXTURES, "--out", full]).status).toBe(0);
    expect(ksim(["run", FIXTURES, "--shard", "1/2", "--out", first]).status).toBe(0);
    expect(ksim(["run", FIXTURES, "--shard", "2/2", "--out", second]).status).toBe(0);
    const report = ksim(["report", path.join(first, "results.json"), path.join(second, "results.json"), "--out", merged]);
    expect(report.status).toBe(0);
    expect(comparableResults(path.join(merged, "results.json"))).toEqual(comparableResults(path.join(full, "results.json")));
  });
});
