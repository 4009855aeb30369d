/**
 * acks=all produces waiting for the high watermark to pass their last offset. A request may span
 * several partitions; it is answered once every partition is resolved or its timeout fires.
 */
import type { TimerHandle } from "../kernel/node";
import type { ErrorName } from "../protocol/errors";
import type { ProducePartitionResult } from "../protocol/dataMessages";
import { PURGE_AT_LENGTH, purgeDone } from "./purgeDone";

export interface PendingPartition {
  readonly name: string;
  readonly topic: string;
  readonly partition: number;
  readonly baseOffset: number;
  /** The HW must pass this offset (the batch's last offset + 1). */
  readonly requiredOffset: number;
  readonly leaderEpoch: number;
  result: ProducePartitionResult | undefined;
}

export interface DelayedProduce {
  /** Called once with every partition's result, in request order. */
  readonly respond: (results: ProducePartitionResult[]) => void;
  /** Results in request order; pending ones are resolved in place. */
  readonly partitions: PendingPartition[];
  timer: TimerHandle | undefined;
  done: boolean;
}

export class ProducePurgatory {
  private readonly waiting = new Map<string, DelayedProduce[]>();

  add(delayed: DelayedProduce): void {
    for (const pending of delayed.partitions) {
      if (pending.result !== undefined) continue;
      let list = this.waiting.get(pending.name);
      if (list === undefined) this.waiting.set(pending.name, (list = []));
      else if (list.length >= PURGE_AT_LENGTH) purgeDone(list);
      list.push(delayed);
    }
  }

  /** Delayed produces with an unresolved entry for this partition. */
  takeWaitingOn(name: string): DelayedProduce[] {
    const list = this.waiting.get(name);
    if (list === undefined) return [];
    const live = list.filter((delayed) => !delayed.done);
    this.waiting.delete(name);
    return live;
  }

  /** Puts back those still waiting after a check. */
  putBack(name: string, delayed: readonly DelayedProduce[]): void {
    if (delayed.length === 0) return;
    const list = this.waiting.get(name);
    if (list === undefined) this.waiting.set(name, [...delayed]);
    else list.push(...delayed);
  }
}

export function resolvePending(pending: PendingPartition, error: ErrorName): void {
  pending.result = {
    topic: pending.topic,
    partition: pending.partition,
    error,
    baseOffset: error === "NONE" || error === "NOT_ENOUGH_REPLICAS_AFTER_APPEND" ? pending.baseOffset : -1,
    leaderEpoch: pending.leaderEpoch,
  };
}
