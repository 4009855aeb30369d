/**
 * A rolling 64-bit hash (two independent 32-bit lanes) of everything a run does.
 * Two runs with equal fingerprints made the same decisions in the same order; it is how replay
 * proves it is exact.
 *
 * Every value is reduced to 32-bit words before mixing; words are kept as signed int32 throughout
 * (a uint32 above 2^31 would be a heap-allocated double in V8, and this runs several times per event).
 */
const TWO_POW_32 = 0x1_0000_0000;
const STRING_HASHES_MAX = 100_000;
/** Slots in the direct-mapped cache in front of the string-hash map (a power of two). */
const RECENT_SLOTS = 256;

export class Fingerprint {
  private laneA = 0x9747b28c | 0;
  private laneB = 0x5bd1e995 | 0;
  private readonly stringHashes = new Map<string, number>();
  /**
   * The hot strings (event kinds, message types) are the same few string objects over and over;
   * a direct-mapped cache keyed by length and three characters answers them with one comparison,
   * which is cheaper than a Map lookup. The hashes are the same either way.
   */
  private readonly recentStrings: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS).fill(
    undefined,
  );
  private readonly recentHashes = new Int32Array(RECENT_SLOTS);

  mixNumber(value: number): void {
    if (value >= 0 && value < TWO_POW_32 && Number.isInteger(value)) this.mixWord(value | 0);
    else this.mixOtherNumber(value);
  }

  /** Integers outside [0, 2^32) as two words; anything else by its decimal form. */
  private mixOtherNumber(value: number): void {
    if (Number.isInteger(value)) {
      this.mixWord(value | 0);
      this.mixWord(Math.floor(value / TWO_POW_32) | 0);
      return;
    }
    this.mixString(String(value));
  }

  /** One 32-bit word as it is (signed or unsigned: the same bits mix the same). */
  mixInt32(word: number): void {
    this.mixWord(word | 0);
  }

  mixString(value: string): void {
    this.mixWord(this.stringHash(value));
  }

  /** The word `mixString(value)` mixes, for callers that keep it (the trace memoizes hot ones). */
  stringHash(value: string): number {
    const slot = recentSlot(value);
    if (this.recentStrings[slot] === value) return this.recentHashes[slot]!;
    let hash = this.stringHashes.get(value);
    if (hash === undefined) {
      hash = hashString(value);
      if (this.stringHashes.size < STRING_HASHES_MAX) this.stringHashes.set(value, hash);
    }
    this.recentStrings[slot] = value;
    this.recentHashes[slot] = hash;
    return hash;
  }

  mixValue(value: string | number | boolean | undefined): void {
    if (typeof value === "number") this.mixNumber(value);
    else if (typeof value === "string") this.mixString(value);
    else this.mixWord(value === undefined ? 0x7fff0001 : value ? 0x7fff0002 : 0x7fff0003);
  }

  /** 16 hex digits: each lane through murmur3's finalizer, so every word affects every digit. */
  hex(): string {
    return hex8(finalize(this.laneA)) + hex8(finalize(this.laneB));
  }

  /**
   * Two independent rotate-xor-multiply lanes (the FxHash step, with different rotations and
   * multipliers). The simulator mixes a few words per event; this is about half the cost of a
   * full murmur3 block per word, and the finalizer in `hex` supplies the avalanche.
   */
  private mixWord(word: number): void {
    const laneA = this.laneA;
    const laneB = this.laneB;
    this.laneA = Math.imul(((laneA << 5) | (laneA >>> 27)) ^ word, 0x9e3779b1);
    this.laneB = (Math.imul(((laneB << 11) | (laneB >>> 21)) ^ word, 0x85ebca77) + 0x27d4eb2f) | 0;
  }
}

/** murmur3's fmix32. */
function finalize(lane: number): number {
  let h = lane ^ (lane >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex8(word: number): string {
  return word.toString(16).padStart(8, "0");
}

/** Cache slot from the length and three characters ("ping" and "pong" differ in the second). */
function recentSlot(value: string): number {
  const length = value.length;
  if (length < 2) return length === 0 ? 0 : value.charCodeAt(0) & (RECENT_SLOTS - 1);
  const mixed =
    length * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(1) * 13 + value.charCodeAt(length - 1);
  return mixed & (RECENT_SLOTS - 1);
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit word. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
