import fc from "fast-check";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/kernel/rng";

function draws(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => rng.float());
}

describe("Rng", () => {
  it("the same seed gives the same sequence", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(draws(new Rng(seed), 50)).toEqual(draws(new Rng(seed), 50));
      }),
    );
  });

  it("different seeds give different sequences", () => {
    expect(draws(new Rng("a"), 10)).not.toEqual(draws(new Rng("b"), 10));
  });

  it("draws exactly seedrandom's Alea numbers for the seed", () => {
    for (const seed of ["", "demo", "demo/network", "x".repeat(200)]) {
      const reference = seedrandom.alea(seed);
      const expected = Array.from({ length: 10_000 }, () => reference());
      expect(draws(new Rng(seed), 10_000)).toEqual(expected);
    }
  });

  it("a fork is seeded from the parent's seed and its name alone", () => {
    const parent = new Rng("root");
    const fork = parent.fork("network");
    expect(fork.seed).toBe("root/network");
    expect(draws(fork, 20)).toEqual(draws(new Rng("root/network"), 20));
    expect(draws(parent.fork("node/a").fork("x"), 5)).toEqual(draws(new Rng("root/node/a/x"), 5));
  });

  it("forked streams are independent: drawing from one never changes another", () => {
    const schedules = fc.array(fc.constantFrom("network", "faults", "node/a", "node/b"), { maxLength: 60 });
    fc.assert(
      fc.property(schedules, (schedule) => {
        // Interleave draws across streams in an arbitrary order; each stream must still produce
        // exactly what it produces when drawn alone.
        const root = new Rng("independence");
        const streams = new Map<string, Rng>();
        const seen = new Map<string, number[]>();
        for (const name of schedule) {
          if (!streams.has(name)) streams.set(name, root.fork(name));
          seen.set(name, [...(seen.get(name) ?? []), streams.get(name)!.float()]);
        }
        for (const [name, values] of seen)
          expect(values).toEqual(draws(new Rng("independence").fork(name), values.length));
      }),
    );
  });

  it("adding a fork, or drawing from the parent, does not perturb existing streams", () => {
    const before = new Rng("world");
    const network = before.fork("network");
    const expected = draws(network, 5);

    const after = new Rng("world");
    after.fork("a-new-client"); // a stream added before
    draws(after, 3); // the parent used too
    const networkAgain = after.fork("network");
    after.fork("another-new-client"); // and one added after
    expect(draws(networkAgain, 5)).toEqual(expected);
  });

  it("int stays within its inclusive bounds", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat({ max: 1000 }),
        (seed, min, span) => {
          const rng = new Rng(seed);
          for (let i = 0; i < 20; i++) {
            const value = rng.int(min, min + span);
            expect(Number.isInteger(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(min);
            expect(value).toBeLessThanOrEqual(min + span);
          }
        },
      ),
    );
  });

  it("int covers its whole range, ends included", () => {
    const rng = new Rng("coverage");
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("chance draws nothing when the answer is certain", () => {
    const rng = new Rng("certain");
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(-1)).toBe(false);
    expect(rng.chance(1)).toBe(true);
    expect(rng.chance(2)).toBe(true);
    expect(draws(rng, 3)).toEqual(draws(new Rng("certain"), 3));
  });

  it("pick chooses among the items and refuses an empty list by name", () => {
    const rng = new Rng("pick");
    const items = ["x", "y", "z"] as const;
    const picked = new Set(Array.from({ length: 100 }, () => rng.pick(items)));
    expect([...picked].sort()).toEqual(["x", "y", "z"]);
    expect(() => rng.pick([])).toThrow(/Rng\.pick/);
  });
});
