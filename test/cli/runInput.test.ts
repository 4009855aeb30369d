/** `ksim run` and `ksim list` arguments: the same bounds as a scenario file, and one file however it is spelt. */
import { describe, expect, it } from "vitest";
import { ksim, tempDir } from "./cliRunner";

const SCENARIO = "test/fixtures/cli/quick-hold.yaml";

describe("run and list arguments", () => {
  it("--runs and KSIM_RUNS are capped like a scenario's runs", () => {
    const flag = ksim(["run", SCENARIO, "--runs", "2000000", "--out", tempDir("runs")]);
    expect(flag.stderr).toContain('--runs must be a whole number from 1 to 1000000 (got "2000000")');
    expect(flag.status).toBe(2);
    const env = ksim(["run", SCENARIO, "--out", tempDir("runs")], { KSIM_RUNS: "2000000" });
    expect(env.stderr).toContain('KSIM_RUNS must be a whole number from 1 to 1000000 (got "2000000")');
    expect(env.status).toBe(2);
  });

  it("--workers is capped: each worker is a process", () => {
    const run = ksim(["run", SCENARIO, "--workers", "1000", "--out", tempDir("workers")]);
    expect(run.stderr).toContain('--workers must be a whole number from 1 to 64 (got "1000")');
    expect(run.status).toBe(2);
  });

  it("a file named twice, as x.yaml and ./x.yaml, is one scenario, not a duplicate of itself", () => {
    const list = ksim(["list", SCENARIO, `./${SCENARIO}`, "test/fixtures/cli"]);
    expect(list.stderr).toBe("");
    expect(list.status).toBe(0);
    expect(list.stdout.match(/^quick-hold /gm)).toHaveLength(1);
  });
});
