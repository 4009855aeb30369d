/**
 * A rolling 64-bit hash (two independent 32-bit murmur3-style lanes) of everything a run does.
 * Two runs with equal fingerprints made the same decisions in the same order; it is how replay
 * proves it is exact.
 */
const TWO_POW_32 = 0x1_0000_0000;

export class Fingerprint {
  private laneA = 0x9747b28c;
  private laneB = 0x5bd1e995;
  private readonly stringHashes = new Map<string, number>();

  mixNumber(value: number): void {
    if (Number.isInteger(value) && value >= 0 && value < TWO_POW_32) {
      this.mixWord(value);
      return;
    }
    if (Number.isInteger(value)) {
      this.mixWord(value >>> 0);
      this.mixWord(Math.floor(value / TWO_POW_32) >>> 0);
      return;
    }
    this.mixString(String(value));
  }

  mixString(value: string): void {
    let hash = this.stringHashes.get(value);
    if (hash === undefined) {
      hash = hashString(value);
      if (this.stringHashes.size < 100_000) this.stringHashes.set(value, hash);
    }
    this.mixWord(hash);
  }

  mixValue(value: string | number | boolean | undefined): void {
    if (typeof value === "number") this.mixNumber(value);
    else if (typeof value === "string") this.mixString(value);
    else this.mixWord(value === undefined ? 0x7fff0001 : value ? 0x7fff0002 : 0x7fff0003);
  }

  /** 16 hex digits. */
  hex(): string {
    return (this.laneA >>> 0).toString(16).padStart(8, "0") + (this.laneB >>> 0).toString(16).padStart(8, "0");
  }

  private mixWord(word: number): void {
    this.laneA = mixLane(this.laneA, word);
    this.laneB = mixLane(this.laneB, word ^ 0x85ebca6b);
  }
}

function mixLane(lane: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = lane ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
