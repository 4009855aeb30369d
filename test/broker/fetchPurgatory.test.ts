import { describe, expect, it } from "vitest";
import { FetchPurgatory, type DelayedFetch } from "../../src/broker/fetchPurgatory";
import { PURGE_AT_LENGTH } from "../../src/broker/purgeDone";
import type { FetchRequest } from "../../src/protocol/dataMessages";

function parked(correlationId: number): DelayedFetch {
  const request: FetchRequest = {
    type: "FetchRequest",
    correlationId,
    replicaId: "broker-1",
    brokerEpoch: 1,
    maxWaitMs: 500,
    minBytes: 1,
    maxBytes: 1 << 20,
    partitions: [],
  };
  const fetch = (partition: number) => ({ topic: "t", partition, fetchOffset: 0, lastFetchedEpoch: 0, currentLeaderEpoch: 0 });
  return { from: "broker-1", request, targets: [{ name: "t-0", fetch: fetch(0) }, { name: "t-1", fetch: fetch(1) }], session: undefined, timer: undefined, done: false };
}

describe("the fetch purgatory", () => {
  it("wakes the live fetches on a partition, and stays bounded under partitions that never wake", () => {
    const purgatory = new FetchPurgatory();
    for (let i = 0; i < 1000; i++) {
      purgatory.add(parked(i));
      const woken = purgatory.take("t-0", true); // new data on t-0 completes it; t-1 stays idle
      expect(woken.map((d) => d.request.correlationId)).toEqual([i]);
      for (const delayed of woken) delayed.done = true;
    }
    expect(purgatory.listedUnder("t-0")).toBe(0);
    expect(purgatory.listedUnder("t-1")).toBeLessThanOrEqual(PURGE_AT_LENGTH);
    const live = parked(1000);
    purgatory.add(live);
    expect(purgatory.take("t-1", true)).toEqual([live]);
  });
});
