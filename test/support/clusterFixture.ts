/** Small helpers for scripted cluster tests. */
import { buildCluster, type Cluster } from "../../src/cluster/cluster";
import { DEFAULT_CLUSTER, topicSpec, type ClusterSpec, type TopicSpec } from "../../src/cluster/clusterSpec";
import { msToMicros } from "../../src/kernel/time";
import { lastOffsetOf } from "../../src/storage/recordBatch";

export function startCluster(overrides: Partial<ClusterSpec> & { topics?: TopicSpec[] } = {}): Cluster {
  const spec: ClusterSpec = {
    ...DEFAULT_CLUSTER,
    seed: "test",
    topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2 })],
    ...overrides,
  };
  const cluster = buildCluster(spec);
  cluster.start();
  return cluster;
}

export function runFor(cluster: Cluster, ms: number): void {
  cluster.sim.runUntil(cluster.sim.nowUs() + msToMicros(ms));
}

/** The values in a broker's log for a partition, offset order (harness inspection). */
export function logValues(cluster: Cluster, brokerId: string, partitionName: string): string[] {
  const store = cluster.disks.get(brokerId)!.partition(partitionName);
  if (store === undefined) return [];
  const values: string[] = [];
  for (const batch of store.log.batches()) for (const record of batch.records) values.push(record.value);
  return values;
}

export function logEndOffset(cluster: Cluster, brokerId: string, partitionName: string): number {
  const last = cluster.disks.get(brokerId)!.partition(partitionName)?.log.lastBatch();
  return last === undefined ? 0 : lastOffsetOf(last) + 1;
}

export function values(prefix: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(from + i).padStart(6, "0")}`);
}
