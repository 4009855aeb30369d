/**
 * Opens a real report in headless Chromium from file://, the way a person opens it from a CI
 * artifact: the diagram and charts must be there, the page must log no errors and load nothing
 * from the network, and the copy button must work. Leaves a screenshot in reports/screenshots/;
 * with KSIM_UPDATE_DOCS_SCREENSHOT=1 it also refreshes docs/report-screenshot.png for the README.
 *
 * Needs /usr/bin/chromium (`apt-get install chromium`; CI installs it). Without it this fails.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../../src/report";
import { kip101Finding } from "./kip101Finding";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const REPO = resolve(__dirname, "../..");
const SCREENSHOT = join(REPO, "reports/screenshots/report.png");
const DOCS_SCREENSHOT = join(REPO, "docs/report-screenshot.png");

describe("the HTML report in a real browser", () => {
  let browser: Browser | undefined;
  let reportDir = "";

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: the browser test needs Chromium. Install it with \`apt-get install -y chromium\` (CI's .ci/run does).`,
      );
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    reportDir = mkdtempSync(join(tmpdir(), "ksim-browser-report-"));
  });

  afterAll(async () => {
    await browser?.close();
    if (reportDir !== "") rmSync(reportDir, { recursive: true, force: true });
  });

  it("opens offline from file:// with the space-time diagram and the charts, and no errors", async () => {
    const { results, details } = kip101Finding();
    expect(results.scenarios[0]?.finding?.violations.map((v) => v.check)).toContain("committed-lost");
    const files = writeReport(reportDir, results, details);

    const page = await browser!.newPage({ viewport: { width: 1320, height: 900 } });
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("request", (request) => {
      if (!request.url().startsWith("file://")) problems.push(`network request: ${request.url()}`);
    });
    await page.goto(pathToFileURL(files.html).href, { waitUntil: "load" });

    const diagram = page.locator("svg.space-time");
    await expect(diagram.count()).resolves.toBe(1);
    await expect(diagram.getAttribute("id")).resolves.toBe("scenario-1-space-time");
    const diagramShapes = await diagram.locator("line, path, rect, circle").count();
    // The KIP-101 finding draws ~65 shapes and 15 messages: the produce, the fetches that carry
    // its records and high watermark, and the elections; idle incremental fetches (KIP-227) name
    // no partition and are not drawn.
    expect(diagramShapes).toBeGreaterThan(50);
    await expect(diagram.locator("line.msg").count()).resolves.toBeGreaterThan(10);
    await expect(diagram.locator("rect.band-crash").count()).resolves.toBeGreaterThan(0);
    await expect(diagram.locator("path.mark-leader").count()).resolves.toBeGreaterThan(0);
    await expect(diagram.locator("line.violation-rule").count()).resolves.toBeGreaterThanOrEqual(1);
    const lanes = await diagram.locator("text.st-lane-label").allTextContents();
    expect(lanes).toEqual(expect.arrayContaining(["controller", "broker-1", "broker-2", "client"]));
    const box = await diagram.boundingBox();
    expect(box?.width).toBeGreaterThan(800);

    const chart = page.locator("svg.partition-chart#scenario-1-chart-1");
    await expect(chart.count()).resolves.toBe(1);
    await expect(chart.locator("path.series-leo").count()).resolves.toBe(2);
    await expect(chart.locator("path.series-hw").count()).resolves.toBe(2);
    await expect(chart.locator("path.isr-line").count()).resolves.toBe(1);
    await expect(chart.locator(".leader-strip rect").count()).resolves.toBeGreaterThan(1);

    await expect(page.locator("table#summary-table tbody tr").count()).resolves.toBe(2);
    await expect(page.locator(".violations li").first().textContent()).resolves.toContain("was committed");

    const copy = page.locator("button[data-copy]").first();
    await copy.click();
    // The clipboard answers asynchronously (a few ms after the click; the page falls back to
    // selecting the text after 1 s), and the label reverts to "Copy" 1.6 s after the answer: poll.
    await expect
      .poll(() => copy.textContent(), { interval: 20, timeout: 2_000 })
      .toMatch(/Copied|Press Ctrl\+C/);
    // A clipboard that never answers (a prompt the browser cannot show): the button still answers.
    await expect.poll(() => copy.textContent(), { interval: 50, timeout: 3_000 }).toBe("Copy");
    // (Page-side code as strings: the tests are type-checked without the DOM's types.)
    await page.evaluate("navigator.clipboard.writeText = () => new Promise(() => undefined)");
    await copy.click();
    await expect
      .poll(() => copy.textContent(), { interval: 20, timeout: 2_000 })
      .toMatch(/Copied|Press Ctrl\+C/);
    await expect(page.evaluate("String(window.getSelection())")).resolves.toContain("ksim replay");

    mkdirSync(join(REPO, "reports/screenshots"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
    if (process.env["KSIM_UPDATE_DOCS_SCREENSHOT"] === "1") copyFileSync(SCREENSHOT, DOCS_SCREENSHOT);
    await page.close();

    expect(problems).toEqual([]);
  });
});
