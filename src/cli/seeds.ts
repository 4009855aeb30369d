/**
 * The fast-check seed of each scenario in a suite: derived from the suite seed and the scenario's
 * name, so results do not depend on the order scenarios run in, how many workers run them, or
 * which shard they fall in.
 */
export const DEFAULT_SUITE_SEED = "ksim";

export function scenarioSeed(suiteSeed: string, scenarioName: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${suiteSeed}/${scenarioName}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x7fffffff;
}
