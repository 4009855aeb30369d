/** Per-run network counters, reported with every run. */
export interface NetworkStats {
  sent: number;
  delivered: number;
  duplicated: number;
  held: number;
  dropped: {
    /** Lost, or sent on a connection a loss broke before its sender heard (traced as severed). */
    loss: number;
    partition: number;
    /** Addressed to a node that was down, or that restarted since the message was sent. */
    nodeDown: number;
  };
}

export function emptyNetworkStats(): NetworkStats {
  return { sent: 0, delivered: 0, duplicated: 0, held: 0, dropped: { loss: 0, partition: 0, nodeDown: 0 } };
}

export function droppedTotal(stats: NetworkStats): number {
  return stats.dropped.loss + stats.dropped.partition + stats.dropped.nodeDown;
}
