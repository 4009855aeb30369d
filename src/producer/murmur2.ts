/**
 * Kafka's murmur2 (MurmurHash2, 32-bit, seed 0x9747b28c), bit for bit as the Java client's
 * Utils.murmur2, over a key's UTF-8 bytes. Java's int arithmetic wraps at 32 bits; Math.imul and
 * `| 0` do the same here, and `>>>` is Java's unsigned shift.
 */
const SEED = 0x9747b28c;
const MIX = 0x5bd1e995;
const MIX_SHIFT = 24;

const utf8 = new TextEncoder();

/** The signed 32-bit hash of `bytes`, equal to Java's `Utils.murmur2(bytes)`. */
export function murmur2(bytes: Uint8Array): number {
  const length = bytes.length;
  let hash = (SEED ^ length) | 0;
  const wholeWords = length >>> 2;
  for (let word = 0; word < wholeWords; word++) {
    const i = word * 4;
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, MIX);
    k ^= k >>> MIX_SHIFT;
    k = Math.imul(k, MIX);
    hash = Math.imul(hash, MIX) ^ k;
  }
  // The last 1-3 bytes, as Java's falling-through switch mixes them.
  const tail = length & ~3;
  const tailLength = length & 3;
  if (tailLength > 0) {
    if (tailLength === 3) hash ^= bytes[tail + 2]! << 16;
    if (tailLength >= 2) hash ^= bytes[tail + 1]! << 8;
    hash ^= bytes[tail]!;
    hash = Math.imul(hash, MIX);
  }
  hash ^= hash >>> 13;
  hash = Math.imul(hash, MIX);
  hash ^= hash >>> 15;
  return hash | 0;
}

/**
 * murmur2 of a string key's UTF-8 encoding. A lone surrogate encodes as U+FFFD, as in Node and
 * kafkajs (Java's getBytes would write "?"); well-formed keys hash the same everywhere.
 */
export function murmur2OfKey(key: string): number {
  return murmur2(utf8.encode(key));
}

/** Kafka's Utils.toPositive: clears the sign bit (not Math.abs, which overflows on MIN_VALUE). */
export function toPositive(value: number): number {
  return value & 0x7fffffff;
}
