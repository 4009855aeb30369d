import { describe, expect, it } from "vitest";
import { CHECK_NAMES } from "../../src/checkers/violation";
import { CHECK_SPECS, checkCovers, isCheckSpec, splitCheckSpec } from "../../src/scenario";

describe("check specs", () => {
  it("are the check names plus log/sink scopes of lost-write and duplicate", () => {
    expect(CHECK_SPECS).toEqual([
      ...CHECK_NAMES,
      "lost-write:log",
      "lost-write:sink",
      "duplicate:log",
      "duplicate:sink",
    ]);
    expect(isCheckSpec("duplicate:sink")).toBe(true);
    expect(isCheckSpec("liveness:log")).toBe(false);
  });

  it("split into name and scope", () => {
    expect(splitCheckSpec("lost-write:sink")).toEqual({ check: "lost-write", scope: "sink" });
    expect(splitCheckSpec("hw-regression")).toEqual({ check: "hw-regression" });
  });

  it("cover a scoped expectation when unscoped or of the same scope", () => {
    expect(checkCovers("lost-write", "lost-write:sink")).toBe(true);
    expect(checkCovers("lost-write:sink", "lost-write:sink")).toBe(true);
    expect(checkCovers("lost-write:log", "lost-write:sink")).toBe(false);
    expect(checkCovers("lost-write:log", "lost-write")).toBe(false);
    expect(checkCovers("duplicate", "lost-write")).toBe(false);
  });
});
