/**
 * One fingerprint for a whole suite: every scenario's name, verdict and run count, the hash of all
 * its runs' fingerprints and its finding's. The same scenarios and seeds give the same suite
 * fingerprint, with any number of workers — a one-line check that a sweep reproduced, passing
 * runs included.
 */
import type { ScenarioResult } from "../harness/findings";
import { Fingerprint } from "../kernel/fingerprint";

export function suiteFingerprint(results: readonly ScenarioResult[]): string {
  const hash = new Fingerprint();
  for (const result of [...results].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    hash.mixString(result.name);
    hash.mixString(result.verdict);
    hash.mixNumber(result.runs);
    hash.mixString(result.runsFingerprint ?? "-");
    hash.mixString(result.finding?.fingerprint ?? "-");
  }
  return hash.hex();
}
