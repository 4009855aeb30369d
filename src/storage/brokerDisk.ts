/**
 * Everything on one broker's disk: a log and a leader-epoch checkpoint per partition replica, and
 * the broker-wide checkpoint files. It outlives the broker process (a kill loses nothing here);
 * a power loss makes every file fall back to what had reached the platters.
 */
import type { Durable } from "../kernel/node";
import type { Micros } from "../kernel/time";
import { CheckpointFile } from "./checkpointFile";
import type { EpochEntry } from "./leaderEpochCache";
import { PartitionLog, type LogConfig } from "./partitionLog";

export interface PartitionStore {
  /** The partition's name, e.g. "orders-0". */
  readonly name: string;
  readonly log: PartitionLog;
  /** leader-epoch-checkpoint: Kafka fsyncs it on every assign. */
  readonly epochCheckpoint: CheckpointFile<EpochEntry[]>;
}

export class BrokerDisk implements Durable {
  /** replication-offset-checkpoint: partition name → high watermark (Kafka fsyncs it). */
  readonly highWatermarkCheckpoint: CheckpointFile<Record<string, number>>;
  /** log-start-offset-checkpoint: partition name → log start offset (Kafka fsyncs it). */
  readonly logStartOffsetCheckpoint: CheckpointFile<Record<string, number>>;
  private readonly stores = new Map<string, PartitionStore>();

  /** `osDirtyExpireMs` is the machine's writeback delay; it overrides the one in each LogConfig. */
  constructor(readonly osDirtyExpireMs: number) {
    this.highWatermarkCheckpoint = new CheckpointFile({ sync: true, osDirtyExpireMs });
    this.logStartOffsetCheckpoint = new CheckpointFile({ sync: true, osDirtyExpireMs });
  }

  partition(name: string): PartitionStore | undefined {
    return this.stores.get(name);
  }

  /** Idempotent: an existing partition is returned as it is, whatever `config` says. */
  createPartition(name: string, config: LogConfig): PartitionStore {
    const existing = this.stores.get(name);
    if (existing !== undefined) return existing;
    const osDirtyExpireMs = this.osDirtyExpireMs;
    const store: PartitionStore = {
      name,
      log: new PartitionLog({ ...config, durability: { ...config.durability, osDirtyExpireMs } }),
      epochCheckpoint: new CheckpointFile<EpochEntry[]>({ sync: true, osDirtyExpireMs }),
    };
    this.stores.set(name, store);
    return store;
  }

  /** Sorted, so callers iterating partitions stay deterministic whatever the creation order. */
  partitionNames(): string[] {
    return [...this.stores.keys()].sort();
  }

  powerLoss(nowUs: Micros): void {
    for (const name of this.partitionNames()) {
      const store = this.stores.get(name)!;
      store.log.powerLoss(nowUs);
      store.epochCheckpoint.powerLoss(nowUs);
    }
    this.highWatermarkCheckpoint.powerLoss(nowUs);
    this.logStartOffsetCheckpoint.powerLoss(nowUs);
  }
}
