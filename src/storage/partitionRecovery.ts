/**
 * What a broker rebuilds for a partition when it starts over a disk that survived (a restart, or
 * after a power loss). Kafka's log loading does the same: the epoch checkpoint may hold entries
 * past the recovered log end (truncations are checkpointed asynchronously, and a power loss can
 * drop log data the checkpoint already describes), so it is cut back to the log.
 */
import type { PartitionStore } from "./brokerDisk";
import { LeaderEpochCache } from "./leaderEpochCache";
import { ProducerStateManager } from "./producerStateManager";

/** The epoch cache from the checkpoint, truncated to the log's [logStartOffset, logEndOffset). */
export function loadEpochCache(store: PartitionStore): LeaderEpochCache {
  const cache = LeaderEpochCache.fromSnapshot(store.epochCheckpoint.read() ?? []);
  cache.truncateFromEnd(store.log.logEndOffset);
  cache.truncateFromStart(store.log.logStartOffset);
  return cache;
}

/** Producer state from the log alone (see ProducerStateManager.rebuild). */
export function loadProducerState(store: PartitionStore): ProducerStateManager {
  const state = new ProducerStateManager();
  state.rebuild(store.log.batches());
  return state;
}
