import { describe, expect, it } from "vitest";
import { renderJunit } from "../../src/report";
import { EVIL, sampleResults } from "./sampleResults";

/** A tiny well-formedness check: one root, every tag closed in order, attributes quoted, entities known. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  let roots = 0;
  const tokens = body.match(/<[^>]*>|[^<]+/g) ?? [];
  for (const token of tokens) {
    if (!token.startsWith("<")) {
      expect(token).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/);
      if (stack.length === 0) expect(token.trim()).toBe("");
      continue;
    }
    const match = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    expect(match, `malformed tag ${token}`).not.toBeNull();
    const [, closing, name, , selfClosing] = match!;
    if (closing === "/") {
      expect(stack.pop()).toBe(name);
    } else if (selfClosing !== "/") {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) {
      roots++;
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

describe("junit.xml", () => {
  const xml = renderJunit(sampleResults(EVIL));

  it("is well-formed XML", () => {
    assertWellFormedXml(xml);
  });

  it("has one testsuite and a testcase per scenario, failures for fail and errors for error", () => {
    expect(xml.match(/<testsuite\b/g)).toHaveLength(1);
    expect(xml.match(/<testcase\b/g)).toHaveLength(4);
    expect(xml.match(/<failure\b/g)).toHaveLength(2);
    expect(xml.match(/<error\b/g)).toHaveLength(1);
    expect(xml).toMatch(/<testsuite [^>]*tests="4" failures="2" errors="1"/);
  });

  it("says why each failed: the violation, the missing catch, the replay command", () => {
    expect(xml).toContain("v-5 was acknowledged at offset 5 of orders-0");
    expect(xml).toContain("expected a violation of committed-lost, but none was found in 100 runs");
    expect(xml).toContain("npx ksim replay --scenario scenarios/evil.yaml --seed 99 --path &apos;3:1&apos;");
  });

  it("replaces characters XML cannot hold", () => {
    const results = sampleResults("bell\u0007name");
    const text = renderJunit(results);
    expect(text).not.toContain("\u0007");
    assertWellFormedXml(text);
  });
});
