/** Output paths are checked before the work, so a wrong one fails at once with exit 2, not a stack trace after it. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ksim, tempDir } from "./cliRunner";

const FINDING = "test/fixtures/cli/quick-unsafe.finding.json";

function expectRefused(args: readonly string[], message: string): void {
  const run = ksim(args);
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).toBe(""); // nothing ran
  expect(run.status).toBe(2);
}

describe("output paths", () => {
  const dir = tempDir("outputs");
  const file = path.join(dir, "a-file");
  fs.writeFileSync(file, "");

  it("run and report refuse an --out that is a file, or lies under one, before running", () => {
    expectRefused(["run", "test/fixtures/cli/quick-hold.yaml", "--out", file], `--out ${file}: it is a file, not a folder`);
    expectRefused(["run", "test/fixtures/cli/quick-hold.yaml", "--out", path.join(file, "sub")], `${file} is a file, not a folder`);
    expectRefused(["report", "test/fixtures/cli/quick-unsafe.results.json", "--out", file], `--out ${file}: it is a file, not a folder`);
  });

  it("replay refuses --trace, --html and --save in a missing folder, or naming a folder", () => {
    expectRefused(["replay", FINDING, "--trace", "/nonexistent/t.jsonl"], "--trace /nonexistent/t.jsonl: folder /nonexistent does not exist");
    expectRefused(["replay", FINDING, "--save", "/nonexistent/x.yaml"], "--save /nonexistent/x.yaml: folder /nonexistent does not exist");
    expectRefused(["replay", FINDING, "--html", path.join(file, "x.html")], `--html ${path.join(file, "x.html")}: ${file} is not a folder`);
    expectRefused(["replay", FINDING, "--trace", dir], `--trace ${dir}: is a folder; give a file name`);
  });
});
