import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ksim, tempDir } from "./cliRunner";

describe("replay", () => {
  const out = tempDir("replay");
  const findingFile = path.join(out, "findings", "quick-unsafe.json");

  it("a saved failure replays in a new process with the same violation and fingerprint, by file and by seed and path", () => {
    expect(ksim(["run", "test/fixtures/cli/quick-unsafe.yaml", "--out", out]).status).toBe(0);
    const finding = JSON.parse(fs.readFileSync(findingFile, "utf8")) as {
      fingerprint: string;
      violations: { check: string; message: string }[];
      replayCommand: string;
    };
    const byFile = ksim(["replay", findingFile]);
    expect(byFile.status).toBe(1); // the violation is there again
    expect(byFile.stdout).toContain(`fingerprint: ${finding.fingerprint} (matches the recorded run)`);
    expect(byFile.stdout).toContain(finding.violations[0]!.message);
    const bySeed = ksim(finding.replayCommand.replace(/^npx ksim /, "").split(" "));
    expect(bySeed.stdout).toContain(`fingerprint: ${finding.fingerprint} (matches the recorded run)`);
  });

  it("an exported regression scenario fails the same way when run", () => {
    const saved = path.join(out, "regression.yaml");
    expect(ksim(["replay", findingFile, "--save", saved]).status).toBe(1);
    const finding = JSON.parse(fs.readFileSync(findingFile, "utf8")) as { fingerprint: string };
    const rerun = tempDir("regression");
    expect(ksim(["run", saved, "--out", rerun]).status).toBe(0); // it expects the violation, and finds it
    const results = JSON.parse(fs.readFileSync(path.join(rerun, "results.json"), "utf8")) as {
      scenarios: { finding: { fingerprint: string } }[];
    };
    expect(results.scenarios[0]!.finding.fingerprint).toBe(finding.fingerprint);
    expect(fs.readFileSync(saved, "utf8")).toContain("schedule:");
  });
});
