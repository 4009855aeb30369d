/**
 * Seeded randomness. One master seed is forked into named streams ("network", "faults",
 * "producer-p1-0"); each stream is seeded from the string `${parentSeed}/${name}` alone, so adding
 * or drawing from one stream never changes the numbers another produces.
 */
import seedrandom from "seedrandom";

export class Rng {
  private readonly nextFloat: () => number;

  constructor(readonly seed: string) {
    this.nextFloat = seedrandom.alea(seed);
  }

  fork(name: string): Rng {
    return new Rng(`${this.seed}/${name}`);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextFloat();
  }

  /** Uniform integer in [minInclusive, maxInclusive]. */
  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.nextFloat() * (maxInclusive - minInclusive + 1));
  }

  /** True with probability `probability`. Draws nothing when the answer is certain. */
  chance(probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.nextFloat() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Rng.pick: cannot pick from an empty list");
    return items[this.int(0, items.length - 1)]!;
  }
}
