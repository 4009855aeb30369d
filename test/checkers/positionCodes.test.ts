import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PositionCodes } from "../../src/checkers/_internals/positionCodes";

describe("PositionCodes", () => {
  it("decodes what it encoded, and equal positions get equal codes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("orders-0", "orders-1", "audit-0"), fc.nat({ max: 2 ** 32 - 1 })), { minLength: 1 }),
        (positions) => {
          const codes = new PositionCodes();
          for (const [partition, offset] of positions) {
            const code = codes.encode(partition, offset);
            expect(typeof code).toBe("number");
            expect(codes.decode(code)).toEqual({ partition, offset });
            expect(codes.encode(partition, offset)).toBe(code);
          }
        },
      ),
    );
  });

  it("different positions get different codes", () => {
    const codes = new PositionCodes();
    const seen = new Set([codes.encode("a-0", 0), codes.encode("a-1", 0), codes.encode("a-0", 1), codes.encode("a-0", 2 ** 32 - 1), codes.encode("a-1", 2 ** 32 - 1)]);
    expect(seen.size).toBe(5);
  });

  it("keeps an offset past 2^32 - 1 as a position object", () => {
    const codes = new PositionCodes();
    const code = codes.encode("orders-0", 2 ** 32);
    expect(code).toEqual({ partition: "orders-0", offset: 2 ** 32 });
    expect(codes.decode(code)).toEqual({ partition: "orders-0", offset: 2 ** 32 });
  });
});
