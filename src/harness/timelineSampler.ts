/**
 * Samples every replica's log end offset and high watermark, and each partition's ISR size, at a
 * fixed simulated interval — the data behind a report's per-partition charts. Harness-side only.
 */
import type { Cluster } from "../cluster/cluster";
import { msToMicros, type Micros } from "../kernel/time";

export interface PartitionSample {
  readonly timeUs: Micros;
  readonly partition: string;
  readonly leader: string | null;
  readonly isrSize: number;
  /** Per broker holding a live replica: its LEO and HW. */
  readonly replicas: readonly { broker: string; logEndOffset: number; highWatermark: number }[];
}

export function sampleTimeline(cluster: Cluster, partitions: readonly string[], intervalMs: number, untilUs: Micros): PartitionSample[] {
  const samples: PartitionSample[] = [];
  const sim = cluster.sim;
  const take = (): void => {
    for (const partition of partitions) {
      const state = cluster.controllerDisk.partitions.get(partition);
      const replicas = cluster.brokerIds.flatMap((broker) => {
        const replica = cluster.broker(broker)?.replicas.partitions.get(partition);
        return replica === undefined ? [] : [{ broker, logEndOffset: replica.logEndOffset, highWatermark: replica.highWatermark }];
      });
      samples.push({ timeUs: sim.nowUs(), partition, leader: state?.leader ?? null, isrSize: state?.isr.length ?? 0, replicas });
    }
    if (sim.nowUs() + msToMicros(intervalMs) <= untilUs) sim.after(intervalMs, take);
  };
  sim.at(0, take);
  return samples;
}
