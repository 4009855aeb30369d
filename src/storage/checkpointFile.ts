/**
 * A small file rewritten whole (Kafka's CheckpointFile: write to a temp file, optionally fsync,
 * rename over the old one). Kafka's checkpoints fsync on write, so `sync: true` makes a write
 * durable at once; `sync: false` (Kafka's asynchronous truncation writes of the leader-epoch file)
 * goes through the page-cache model and is durable `osDirtyExpireMs` after the write.
 *
 * Values are stored as deep copies and read back as fresh copies, so a caller that keeps mutating
 * its own object cannot change what is "on disk".
 */
import type { Durable } from "../kernel/node";
import { msToMicros, type Micros } from "../kernel/time";
import { isWrittenBack } from "./durability";

export interface CheckpointFileOptions {
  readonly sync: boolean;
  readonly osDirtyExpireMs: number;
}

interface PendingWrite<T> {
  readonly value: T;
  readonly writtenUs: Micros;
}

export class CheckpointFile<T> implements Durable {
  private current: T | undefined;
  private durable: T | undefined;
  /**
   * Unsynced writes not yet written back, oldest first. Writes older than the writeback delay are
   * settled on every write, so this holds at most one delay's worth of writes.
   */
  private pending: PendingWrite<T>[] = [];
  private readonly writebackUs: Micros;

  constructor(readonly options: CheckpointFileOptions) {
    this.writebackUs = msToMicros(options.osDirtyExpireMs);
  }

  write(value: T, nowUs: Micros, sync: boolean = this.options.sync): void {
    this.settle(nowUs);
    const copy = structuredClone(value);
    this.current = copy;
    if (sync) {
      this.durable = copy;
      this.pending = [];
    } else {
      this.pending.push({ value: copy, writtenUs: nowUs });
    }
  }

  /** What a read of the file returns now (the page cache's view), or undefined if never written. */
  read(): T | undefined {
    return this.current === undefined ? undefined : structuredClone(this.current);
  }

  /** The file falls back to its last durable content. */
  powerLoss(nowUs: Micros): void {
    this.settle(nowUs);
    this.pending = [];
    this.current = this.durable;
  }

  /** Pending writes old enough to have been written back by `nowUs` are on disk. */
  private settle(nowUs: Micros): void {
    let settled = 0;
    while (
      settled < this.pending.length &&
      isWrittenBack(this.pending[settled]!.writtenUs, nowUs, this.writebackUs)
    ) {
      settled++;
    }
    if (settled === 0) return;
    this.durable = this.pending[settled - 1]!.value;
    this.pending.splice(0, settled);
  }
}
