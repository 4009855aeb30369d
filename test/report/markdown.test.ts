import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/report";
import type { SuiteResults } from "../../src/harness/findings";
import { EVIL, sampleResults } from "./sampleResults";

describe("summary.md", () => {
  const markdown = renderMarkdown(sampleResults(EVIL));

  it("has the summary table with a row per scenario", () => {
    expect(markdown).toContain("| Scenario | Expectation | Verdict | Runs | Time | Seed |");
    const rows = markdown
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| Scenario"));
    expect(rows).toHaveLength(4);
    expect(markdown).toContain("| calm &amp; quiet | hold | ✅ pass | 100 | 5.0 s | 99 |");
  });

  it("gives the replay command in a code block", () => {
    expect(markdown).toContain(
      "```sh\nnpx ksim replay --scenario scenarios/evil.yaml --seed 99 --path '3:1'\n```",
    );
  });

  it("lists the violations and the shrunk fault schedule", () => {
    expect(markdown).toContain(
      "`lost-write` at 12.500 s on `orders-0`: v-5 was acknowledged at offset 5 of orders-0",
    );
    expect(markdown).toContain("1. at 2.000 s crash broker-1 (power-loss)");
    expect(markdown).toContain("3. at 6.000 s heal every partition");
    expect(markdown).toContain("Fault schedule (shrunk from 7 to 3)");
  });

  it("lists a shrunk schedule in the order its faults strike, whatever order it came in", () => {
    const results = sampleResults(EVIL);
    const finding = results.scenarios[0]!.finding!;
    const reversed = { ...finding, counterexample: { ...finding.counterexample, faults: [...finding.counterexample.faults].reverse() } };
    const shuffled: SuiteResults = { ...results, scenarios: [{ ...results.scenarios[0]!, finding: reversed }] };
    const text = renderMarkdown(shuffled);
    expect(text).toContain("1. at 2.000 s crash broker-1 (power-loss)");
    expect(text).toContain("3. at 6.000 s heal every partition");
  });

  it("escapes names so they cannot break the table or inject HTML", () => {
    expect(markdown).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(markdown).toContain(
      "Description with &lt;script&gt;alert(1)&lt;/script&gt; \\| pipes \\| and \\*stars\\*",
    );
  });

  it("explains failures without a finding and errors", () => {
    expect(markdown).toContain("expected a violation of committed-lost, but none was found in 100 runs");
    expect(markdown).toContain("## broken — ⚠️ error");
  });
});
