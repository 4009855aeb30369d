import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ksim, ksimAsync, tempDir } from "./cliRunner";

const FIXTURES = "test/fixtures/cli";

describe("ksim exit codes", () => {
  it("0 when every expectation is met, and the report's path is printed", () => {
    const out = tempDir("ok");
    const run = ksim(["run", `${FIXTURES}/quick-hold.yaml`, `${FIXTURES}/quick-unsafe.yaml`, "--out", out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`report: ${path.join(out, "index.html")}`);
    expect(fs.existsSync(path.join(out, "index.html"))).toBe(true);
  });

  it("1 when an expectation fails (an unsafe configuration expected to hold)", () => {
    const run = ksim(["run", "test/fixtures/cli-fail/quick-broken.yaml", "--out", tempDir("fail")]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/quick-broken\s+hold\s+✗ FAIL/);
  });

  it("2 for bad input: a malformed scenario gets file, line, column and field — no stack trace", () => {
    const dir = tempDir("bad");
    const file = path.join(dir, "bad.yaml");
    fs.writeFileSync(file, "name: bad\ncluster:\n  brokers: 3\ntopics:\n  - { name: t, partitions: 1, replicationFactor: 4 }\n");
    const run = ksim(["run", file, "--out", dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}:5:`);
    expect(run.stderr).toContain("topics[0].replicationFactor");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("2 for bad arguments and unknown commands, with usage", () => {
    const badRuns = ksim(["run", `${FIXTURES}/quick-hold.yaml`, "--runs", "many"]);
    expect(badRuns.status).toBe(2);
    expect(badRuns.stderr).toContain('--runs must be a whole number from 1 to 1000000 (got "many")');
    expect(badRuns.stderr).toContain("for usage");
    const unknown = ksim(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(unknown.stderr).toContain("Usage: ksim [options] [command]");
    const badOption = ksim(["run", "--frobnicate"]);
    expect(badOption.status).toBe(2);
    expect(badOption.stderr).toContain("unknown option '--frobnicate'");
    expect(badOption.stderr).toContain("Usage: ksim run [options] [paths...]");
    const missing = ksim(["run", "no/such/scenario.yaml"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it("3 when the harness itself fails: a replay that does not reproduce its fingerprint", () => {
    const out = tempDir("harness");
    expect(ksim(["run", `${FIXTURES}/quick-unsafe.yaml`, "--out", out]).status).toBe(0);
    const findingFile = path.join(out, "findings", "quick-unsafe.json");
    const finding = JSON.parse(fs.readFileSync(findingFile, "utf8")) as { fingerprint: string };
    fs.writeFileSync(findingFile, JSON.stringify({ ...finding, fingerprint: "0000000000000000" }));
    const replay = ksim(["replay", findingFile]);
    expect(replay.status).toBe(3);
    expect(replay.stdout).toContain("DIFFERS from the recorded 0000000000000000");
  });

  it("Ctrl-C stops cleanly and still writes what finished", async () => {
    const out = tempDir("interrupt");
    const child = ksimAsync(["run", `${FIXTURES}/quick-hold.yaml`, "--runs", "100000", "--out", out]);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Interrupt once the run has begun (its handler is in place before it prints the scenario's
    // line) and had time to finish some runs: a fixed wait raced a slow, cold start.
    const startedByMs = Date.now() + 30_000;
    while (!stderr.includes("runs…") && Date.now() < startedByMs) {
      await new Promise((resolve) => setTimeoutReal(resolve, 50));
    }
    expect(stderr).toContain("runs…");
    await new Promise((resolve) => setTimeoutReal(resolve, 1500));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(130);
    expect(stderr).toContain("stopping after the runs in progress");
    const results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8")) as { scenarios: { runs: number }[] };
    expect(results.scenarios[0]!.runs).toBeGreaterThan(0);
    expect(results.scenarios[0]!.runs).toBeLessThan(100000);
  });
});

/** Tests may wait on real time; the lint rule only guards simulation code. */
const setTimeoutReal = globalThis.setTimeout;
