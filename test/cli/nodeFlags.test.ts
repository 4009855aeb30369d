import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const { NODE_FLAGS, missingNodeFlags } = require("../../bin/nodeFlags") as {
  NODE_FLAGS: readonly string[];
  missingNodeFlags: (execArgv: readonly string[]) => string[];
};

describe("ksim's V8 flags", () => {
  it("are all missing from a bare node, and none once given", () => {
    expect(NODE_FLAGS.length).toBeGreaterThan(0);
    expect(missingNodeFlags([])).toEqual(NODE_FLAGS);
    expect(missingNodeFlags([...NODE_FLAGS, "--inspect"])).toEqual([]);
  });

  it("leave a user's own value of a flag alone", () => {
    const own = NODE_FLAGS.map((flag) => `${flag.split("=")[0]!}=128`);
    expect(missingNodeFlags(own)).toEqual([]);
  });

  it("are what bin/ksim.js runs the CLI with, and it keeps the exit code", () => {
    // `ksim list` of a missing file exits 2; its error names the file, so the CLI itself ran.
    const missing = path.join(__dirname, "no-such-scenario.yaml");
    // A preloaded probe makes every process it reaches say which flags it has.
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ksim-flags-")), "probe.js");
    fs.writeFileSync(probe, `process.on("exit", () => process.stderr.write("execArgv=" + JSON.stringify(process.execArgv) + "\\n"));`);
    const result = spawnSync(
      process.execPath,
      ["-r", probe, path.join(__dirname, "..", "..", "bin", "ksim.js"), "list", missing],
      { encoding: "utf8" },
    );
    fs.rmSync(path.dirname(probe), { recursive: true, force: true });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no-such-scenario.yaml");
    const reported = result.stderr.split("\n").filter((line) => line.startsWith("execArgv="));
    // The first process lacks the flags and starts a second that has them.
    expect(reported.map((line) => NODE_FLAGS.every((flag) => line.includes(flag)))).toContain(true);
  });
});
