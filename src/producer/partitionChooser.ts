/**
 * Which partition a record goes to: an explicit partition wins; a key is hashed with Kafka's
 * murmur2; a null key sticks to one partition until that partition's batch is sent (Kafka's
 * sticky partitioner), or rotates (round-robin).
 */
import type { PartitionerKind } from "../config/producerConfig";
import type { Rng } from "../kernel/rng";
import { partitionForKey } from "./keyPartitioner";

const KEY_CACHE_MAX = 100_000;

export class PartitionChooser {
  private readonly sticky = new Map<string, number>();
  private readonly roundRobin = new Map<string, number>();
  /** Partition count → key → its partition: workloads reuse a few keys many times. */
  private readonly byKey = new Map<number, Map<string, number>>();
  private cachedKeys = 0;

  constructor(
    private readonly kind: PartitionerKind,
    private readonly rng: Rng,
  ) {}

  choose(topic: string, key: string | null, partitionCount: number, explicit?: number): number {
    if (explicit !== undefined) return explicit;
    if (key !== null && this.kind !== "round-robin") return this.hashed(key, partitionCount);
    if (this.kind === "round-robin") {
      const next = ((this.roundRobin.get(topic) ?? -1) + 1) % partitionCount;
      this.roundRobin.set(topic, next);
      return next;
    }
    let partition = this.sticky.get(topic);
    if (partition === undefined || partition >= partitionCount) {
      partition = this.rng.int(0, partitionCount - 1);
      this.sticky.set(topic, partition);
    }
    return partition;
  }

  private hashed(key: string, partitionCount: number): number {
    let byKey = this.byKey.get(partitionCount);
    if (byKey === undefined) this.byKey.set(partitionCount, (byKey = new Map()));
    let partition = byKey.get(key);
    if (partition === undefined) {
      partition = partitionForKey(key, partitionCount);
      if (this.cachedKeys < KEY_CACHE_MAX) {
        byKey.set(key, partition);
        this.cachedKeys++;
      }
    }
    return partition;
  }

  /** The sticky partition's batch left: pick another (never the same one if there is a choice). */
  batchSent(topic: string, partition: number, partitionCount: number): void {
    if (this.sticky.get(topic) !== partition || partitionCount < 2) return;
    const other = this.rng.int(0, partitionCount - 2);
    this.sticky.set(topic, other >= partition ? other + 1 : other);
  }
}
