/**
 * The lint rule that guards determinism: under src/ (except the CLI and the report writers) no
 * wall clock, real timers or unseeded randomness. Checked through ESLint's own API against the
 * project's eslint.config.mjs, as CI runs it.
 */
import { ESLint } from "eslint";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO_ROOT = join(__dirname, "..", "..");
const eslint = new ESLint({ cwd: REPO_ROOT });

const DETERMINISM_RULES = ["no-restricted-globals", "no-restricted-properties", "no-restricted-syntax"];

async function determinismErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, filePath) });
  return (result?.messages ?? [])
    .filter((message) => DETERMINISM_RULES.includes(message.ruleId ?? ""))
    .map((message) => `${message.line}:${message.ruleId}`);
}

const NONDETERMINISTIC = [
  ["Math.random()", "export const jitter = (): number => Math.random();\n", "no-restricted-properties"],
  ["Date.now()", "export const now = (): number => Date.now();\n", "no-restricted-properties"],
  [
    "setTimeout",
    "export function later(f: () => void): void {\n  setTimeout(f, 10);\n}\n",
    "no-restricted-globals",
  ],
  [
    "setInterval",
    "export function every(f: () => void): void {\n  setInterval(f, 10);\n}\n",
    "no-restricted-globals",
  ],
  ["performance.now()", "export const t = (): number => performance.now();\n", "no-restricted-properties"],
  ["new Date()", "export const today = (): Date => new Date();\n", "no-restricted-syntax"],
] as const;

describe("lint: the determinism rule", () => {
  it.each(NONDETERMINISTIC)("rejects %s under src/broker/", async (_name, code, rule) => {
    const errors = await determinismErrors(code, "src/broker/x.ts");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(rule);
  });

  it.each(NONDETERMINISTIC)("rejects %s in the kernel and the network too", async (_name, code) => {
    expect(await determinismErrors(code, "src/kernel/x.ts")).toHaveLength(1);
    expect(await determinismErrors(code, "src/network/x.ts")).toHaveLength(1);
  });

  it.each(NONDETERMINISTIC)("allows %s in the CLI and the report writers", async (_name, code) => {
    expect(await determinismErrors(code, "src/cli/x.ts")).toEqual([]);
    expect(await determinismErrors(code, "src/report/x.ts")).toEqual([]);
  });

  it("passes deterministic simulation code: time, timers and randomness from the node context", async () => {
    const code = [
      'import type { NodeContext } from "../kernel/node";',
      "export function backoff(ctx: NodeContext, attempt: number): void {",
      "  const jitterMs = ctx.rng.int(0, 10);",
      '  ctx.setTimer(100 * attempt + jitterMs, () => ctx.trace("retry", { at: ctx.now() }));',
      "  const stamp = new Date(0);",
      "  void stamp;",
      "}",
      "",
    ].join("\n");
    const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, "src/broker/x.ts") });
    expect(result?.messages).toEqual([]);
  });

  it("says what to use instead", async () => {
    const [result] = await eslint.lintText("export const r = Math.random();\n", {
      filePath: join(REPO_ROOT, "src/broker/x.ts"),
    });
    expect(result?.messages[0]?.message).toMatch(/ctx\.rng/);
  });
});
