/**
 * A client's partition metadata after a fresh answer: per partition, whichever view carries the
 * newer leader epoch. A broker with stale metadata must not move a client back to an old leader
 * (KIP-320).
 */
import type { PartitionMetadata } from "./dataMessages";

export function mergeByLeaderEpoch(
  known: readonly PartitionMetadata[],
  fresh: readonly PartitionMetadata[],
): PartitionMetadata[] {
  const merged = [...fresh].sort((a, b) => a.partition - b.partition);
  for (let i = 0; i < merged.length; i++) {
    const old = known[i];
    if (old !== undefined && old.leaderEpoch > merged[i]!.leaderEpoch) merged[i] = old;
  }
  return merged;
}
