import { describe, expect, it } from "vitest";
import { escapeHtml, renderHtml, renderJunit, renderMarkdown } from "../../src/report";
import { EVIL, sampleDetail, sampleResults } from "./sampleResults";

describe("escaping of strings from scenarios, records and messages", () => {
  it("escapeHtml escapes the characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("the HTML page shows a script-tag scenario name escaped and never raw", () => {
    const results = sampleResults(EVIL);
    const html = renderHtml(results, new Map([[EVIL, sampleDetail()]]));
    expect(html).not.toContain(EVIL);
    expect(html).not.toContain("alert(1)</");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // The only script element is the page's own copy-button script.
    expect(html.match(/<script\b/gi)).toHaveLength(1);
    expect(html).toContain("TypeError: boom &lt;script&gt;");
  });

  it("Markdown carries the raw tag only inside code blocks, JUnit never", () => {
    const results = sampleResults(EVIL);
    const outsideCode = renderMarkdown(results).replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "");
    expect(outsideCode).not.toContain(EVIL);
    expect(outsideCode).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(renderJunit(results)).not.toContain(EVIL);
    expect(renderJunit(results)).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
