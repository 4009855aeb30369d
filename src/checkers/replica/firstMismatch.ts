/**
 * The first offset in [fromOffset, endOffset) at which two replicas hold different values, or
 * undefined. A follower appends the very batch objects its leader sent (batches are immutable), so
 * where both replicas hold the same batch object its records agree and it is skipped whole.
 */
import type { ReplicaView } from "./clusterView";

export function firstMismatch(a: ReplicaView, b: ReplicaView, fromOffset: number, endOffset: number): number | undefined {
  let offset = fromOffset;
  while (offset < endOffset) {
    const batch = a.batchAt(offset);
    if (batch !== undefined && batch === b.batchAt(offset)) {
      offset = batch.baseOffset + batch.records.length;
      continue;
    }
    if (a.valueAt(offset) !== b.valueAt(offset)) return offset;
    offset++;
  }
  return undefined;
}
