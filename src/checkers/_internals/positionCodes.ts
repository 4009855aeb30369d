/**
 * (partition, offset) positions packed into one number each — partition number × 2^32 + offset —
 * so a checker that remembers where each of a million values was first seen keeps a number per
 * value instead of an object. Partitions are numbered in the order first met.
 */
const OFFSET_LIMIT = 0x1_0000_0000;

export interface Position {
  readonly partition: string;
  readonly offset: number;
}

export class PositionCodes {
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();

  /** A number for the position, or the position itself for an offset past 2^32 - 1. */
  encode(partition: string, offset: number): number | Position {
    if (!(offset >= 0 && offset < OFFSET_LIMIT)) return { partition, offset };
    let number = this.numbers.get(partition);
    if (number === undefined) {
      number = this.names.length;
      this.names.push(partition);
      this.numbers.set(partition, number);
    }
    return number * OFFSET_LIMIT + offset;
  }

  decode(code: number | Position): Position {
    if (typeof code !== "number") return code;
    const offset = code % OFFSET_LIMIT;
    return { partition: this.names[(code - offset) / OFFSET_LIMIT]!, offset };
  }
}
