/**
 * Long-polling fetches parked until data arrives or `maxWaitMs` passes. A follower's fetch wakes
 * on new data at the leader's log end; a consumer's wakes when the high watermark moves. (A fetch
 * in an incremental session waits in its session instead: see LeaderFetchSession.parked.)
 */
import type { TimerHandle } from "../kernel/node";
import type { FetchPartition, FetchRequest } from "../protocol/dataMessages";
import type { LeaderFetchSession } from "./fetchSessionCache";
import { PURGE_AT_LENGTH, purgeDone } from "./purgeDone";

/** One partition a fetch reads: the partition's key and the position asked for. */
export interface FetchTarget {
  readonly name: string;
  readonly fetch: FetchPartition;
}

export interface DelayedFetch {
  readonly from: string;
  readonly request: FetchRequest;
  /** Every partition the fetch reads (a session's whole set, not only those the request listed). */
  readonly targets: readonly FetchTarget[];
  readonly session: LeaderFetchSession | undefined;
  timer: TimerHandle | undefined;
  done: boolean;
}

export class FetchPurgatory {
  private readonly waiting = new Map<string, DelayedFetch[]>();

  add(delayed: DelayedFetch): void {
    for (const { name } of delayed.targets) {
      let list = this.waiting.get(name);
      if (list === undefined) this.waiting.set(name, (list = []));
      else if (list.length >= PURGE_AT_LENGTH) purgeDone(list);
      list.push(delayed);
    }
  }

  /** Removes and returns the live fetches parked on `name` that match `followers`. */
  take(name: string, followers: boolean): DelayedFetch[] {
    const list = this.waiting.get(name);
    if (list === undefined) return [];
    const taken: DelayedFetch[] = [];
    const kept: DelayedFetch[] = [];
    for (const delayed of list) {
      if (delayed.done) continue;
      if ((delayed.request.replicaId !== null) === followers) taken.push(delayed);
      else kept.push(delayed);
    }
    if (kept.length > 0) this.waiting.set(name, kept);
    else this.waiting.delete(name);
    return taken;
  }

  /** How many fetches are listed under `name`, done or not (for the bound's test). */
  listedUnder(name: string): number {
    return this.waiting.get(name)?.length ?? 0;
  }
}
