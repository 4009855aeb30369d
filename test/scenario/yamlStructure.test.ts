/**
 * YAML that parses but cannot become plain data — an alias with no anchor, an alias bomb, a key
 * that is a list or null — is bad input like any other: one line at the place to fix, never the
 * yaml library's exception or a warning on stderr.
 */
import { describe, expect, it, vi } from "vitest";
import { checkScenarioText, formatScenarioIssue } from "../../src/scenario";

// Lines 1-2.
const BASE = `name: base
topics: [{ name: orders }]
`;

function issueLines(text: string): string[] {
  return checkScenarioText(text, "x.yaml").issues.map(formatScenarioIssue);
}

describe("YAML structure", () => {
  it("reports an alias with no anchor before it at the alias", () => {
    expect(issueLines(`${BASE}description: *nope\n`)).toEqual([
      "x.yaml:3:14: unknown alias *nope (an alias needs an anchor &nope before it)",
    ]);
  });

  it("still resolves an alias whose anchor comes first", () => {
    expect(issueLines(`name: &n base\ndescription: *n\ntopics: [{ name: orders }]\n`)).toEqual([]);
  });

  it("reports an alias bomb at its first alias instead of expanding it", () => {
    const levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 8; level++) {
      levels.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(", ")}]`);
    }
    expect(issueLines(`${levels.join("\n")}\n${BASE}`)).toEqual([
      "x.yaml:2:10: YAML aliases expand to too much data (more than 100 copies of anchored nodes); " +
        "write the values out or use fewer aliases",
    ]);
  });

  it("reports a complex key at the key, without a warning from the yaml library", () => {
    const warn = vi.spyOn(process, "emitWarning");
    expect(issueLines(`${BASE}? [a, b]\n: 1\n`)).toEqual([
      "x.yaml:3:3: a mapping key must be a name, not a list or mapping (`? [a, b]` is a complex key)",
    ]);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it("reports a null key at the key", () => {
    expect(issueLines(`${BASE}cluster:\n  ~: 1\n`)).toEqual(["x.yaml:4:3: a mapping key must be a name, not null"]);
  });
});
