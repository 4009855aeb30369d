/**
 * Which directed links are cut. Symmetric partitions, one-way partitions and isolation all reduce
 * to a set of blocked (from → to) links; healing clears the set.
 */
import { linkKey } from "./linkKey";

export class PartitionTable {
  private readonly blocked = new Set<number>();

  get active(): boolean {
    return this.blocked.size > 0;
  }

  isBlocked(fromIndex: number, toIndex: number): boolean {
    return this.blocked.size > 0 && this.blocked.has(linkKey(fromIndex, toIndex));
  }

  /** Nodes in different groups cannot reach each other; nodes in no group keep every link. */
  partition(groups: readonly (readonly number[])[]): void {
    for (let g = 0; g < groups.length; g++) {
      for (let h = 0; h < groups.length; h++) {
        if (g === h) continue;
        for (const from of groups[g]!) for (const to of groups[h]!) this.blocked.add(linkKey(from, to));
      }
    }
  }

  /** `from` can no longer reach `to`; `to` still reaches `from`. */
  partitionOneWay(fromIndex: number, toIndex: number): void {
    this.blocked.add(linkKey(fromIndex, toIndex));
  }

  /** Cut `nodeIndex` off from every other node, both ways. */
  isolate(nodeIndex: number, nodeCount: number): void {
    for (let other = 0; other < nodeCount; other++) {
      if (other === nodeIndex) continue;
      this.blocked.add(linkKey(nodeIndex, other));
      this.blocked.add(linkKey(other, nodeIndex));
    }
  }

  heal(): void {
    this.blocked.clear();
  }
}
