import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ksim, tempDir } from "./cliRunner";

const FIXTURES = "test/fixtures/cli";

describe("a reused report folder", () => {
  it("drops the previous report's finding files, and only those", () => {
    const out = tempDir("reuse");
    const first = ksim(["run", `${FIXTURES}/quick-unsafe.yaml`, "--out", out]);
    expect(first.status).toBe(0);
    const findings = path.join(out, "findings");
    const earlier = fs.readdirSync(findings);
    expect(earlier.length).toBeGreaterThan(0);
    fs.writeFileSync(path.join(findings, "notes.txt"), "mine\n");

    const second = ksim(["run", `${FIXTURES}/quick-hold.yaml`, "--out", out]);
    expect(second.status).toBe(0);
    expect(fs.readdirSync(findings)).toEqual(["notes.txt"]);
  });
});
