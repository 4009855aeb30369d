import { describe, expect, it } from "vitest";
import { PositionTable } from "../../src/checkers/_internals/positionTable";

describe("PositionTable", () => {
  it("gives each stored position a row and answers for it", () => {
    const table = new PositionTable();
    const first = table.add("orders-0", 7);
    const second = table.add("orders-1", 2 ** 40);
    expect(first).not.toBe(second);
    expect(table.position(first)).toEqual({ partition: "orders-0", offset: 7 });
    expect(table.position(second)).toEqual({ partition: "orders-1", offset: 2 ** 40 });
    expect(table.is(first, "orders-0", 7)).toBe(true);
    expect(table.is(first, "orders-0", 8)).toBe(false);
    expect(table.is(first, "orders-1", 7)).toBe(false);
  });
});
