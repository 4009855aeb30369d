/**
 * What a broker rebuilds for a partition when it starts over a disk that survived (a restart, or
 * after a power loss). Kafka's log loading does the same: the epoch checkpoint may hold entries
 * past the recovered log end (truncations are checkpointed asynchronously, and a power loss can
 * drop log data the checkpoint already describes), so it is cut back to the log and written again.
 */
import type { Micros } from "../kernel/time";
import type { PartitionStore } from "./brokerDisk";
import { LeaderEpochCache, type EpochEntry } from "./leaderEpochCache";
import { ProducerStateManager } from "./producerStateManager";

/**
 * The epoch cache from the checkpoint, truncated to the log's [logStartOffset, logEndOffset). A
 * trimmed cache is written back (Kafka's loader flushes its truncations too): left in the file,
 * an entry past the log end would return at the next restart once the log had regrown past its
 * start offset in an older epoch, and claim offsets its epoch never wrote.
 */
export function loadEpochCache(store: PartitionStore, nowUs: Micros): LeaderEpochCache {
  const checkpointed = store.epochCheckpoint.read() ?? [];
  const cache = LeaderEpochCache.fromSnapshot(checkpointed);
  cache.truncateFromEnd(store.log.logEndOffset);
  cache.truncateFromStart(store.log.logStartOffset);
  if (!sameEntries(cache.entries(), checkpointed)) store.epochCheckpoint.write(cache.snapshot(), nowUs);
  return cache;
}

function sameEntries(a: readonly EpochEntry[], b: readonly EpochEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry.epoch === b[i]!.epoch && entry.startOffset === b[i]!.startOffset);
}

/** Producer state from the log alone (see ProducerStateManager.rebuild). */
export function loadProducerState(store: PartitionStore): ProducerStateManager {
  const state = new ProducerStateManager();
  state.rebuild(store.log.batches());
  return state;
}
