/**
 * Seeded randomness. One master seed is forked into named streams ("network", "faults",
 * "producer-p1-0"); each stream is seeded from the string `${parentSeed}/${name}` alone, so adding
 * or drawing from one stream never changes the numbers another produces.
 *
 * The generator is Baagøe's Alea, seeded by seedrandom (`seedrandom.alea`); the state lives in
 * this object and is stepped here, which lets the engine inline every draw (the simulator draws
 * once or twice per event). The numbers are exactly seedrandom's.
 */
import seedrandom from "seedrandom";

/** 2^-32 */
const INVERSE_TWO_POW_32 = 2.3283064365386963e-10;

interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

export class Rng {
  /**
   * Alea's three fractions. A Float64Array keeps them unboxed: as plain fields each draw would
   * allocate a heap number per store.
   */
  private readonly fractions = new Float64Array(3);
  private carry = 0;

  constructor(readonly seed: string) {
    const state = (seedrandom.alea(seed, { state: true }) as unknown as { state(): AleaState }).state();
    this.fractions[0] = state.s0;
    this.fractions[1] = state.s1;
    this.fractions[2] = state.s2;
    this.carry = state.c;
  }

  fork(name: string): Rng {
    return new Rng(`${this.seed}/${name}`);
  }

  /** Uniform in [0, 1). */
  float(): number {
    const fractions = this.fractions;
    const t = 2091639 * fractions[0]! + this.carry * INVERSE_TWO_POW_32;
    const carry = t | 0;
    const next = t - carry;
    fractions[0] = fractions[1]!;
    fractions[1] = fractions[2]!;
    fractions[2] = next;
    this.carry = carry;
    return next;
  }

  /** Uniform integer in [minInclusive, maxInclusive]. */
  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.float() * (maxInclusive - minInclusive + 1));
  }

  /** True with probability `probability`. Draws nothing when the answer is certain. */
  chance(probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Rng.pick: cannot pick from an empty list");
    return items[this.int(0, items.length - 1)]!;
  }
}
