/**
 * (partition, offset) positions kept as two columns, each named by its row number. A checker that
 * remembers where each of a million values was first seen keeps a small integer per value — no
 * object, and no boxed number — for the garbage collector to copy.
 */
export interface Position {
  readonly partition: string;
  readonly offset: number;
}

export class PositionTable {
  private readonly partitions: string[] = [];
  private readonly offsets: number[] = [];

  /** Stores the position; returns its row. */
  add(partition: string, offset: number): number {
    this.partitions.push(partition);
    this.offsets.push(offset);
    return this.partitions.length - 1;
  }

  is(row: number, partition: string, offset: number): boolean {
    return this.partitions[row] === partition && this.offsets[row] === offset;
  }

  position(row: number): Position {
    return { partition: this.partitions[row]!, offset: this.offsets[row]! };
  }
}
