import { describe, expect, it } from "vitest";
import { FetchSessionCache, mustAnswer, type LeaderFetchSession, type SessionPartition } from "../../src/broker/fetchSessionCache";
import type { FetchPartition, FetchPartitionResult } from "../../src/protocol/dataMessages";

function position(partition: number, fetchOffset: number): FetchPartition {
  return { topic: "orders", partition, fetchOffset, lastFetchedEpoch: 0, currentLeaderEpoch: 0 };
}

function result(partition: number, changes: Partial<FetchPartitionResult> = {}): FetchPartitionResult {
  return { topic: "orders", partition, error: "NONE", highWatermark: 5, logStartOffset: 0, logEndOffset: 5, batches: [], ...changes };
}

function open(cache: FetchSessionCache): LeaderFetchSession {
  const session = cache.resolve("broker-1", { sessionId: 0, sessionEpoch: 0, forgotten: [] }, [position(0, 5), position(1, 5)]);
  if (typeof session === "string") throw new Error(session);
  return session;
}

describe("the leader's fetch sessions (KIP-227)", () => {
  it("opens a session on a full fetch and keeps the positions an incremental fetch does not list", () => {
    const cache = new FetchSessionCache();
    const session = open(cache);
    expect([...session.partitions.keys()]).toEqual(["orders-0", "orders-1"]);
    const next = cache.resolve("broker-1", { sessionId: session.id, sessionEpoch: 1, forgotten: [] }, [position(1, 7)]);
    expect(next).toBe(session);
    expect(session.partitions.get("orders-0")!.fetch.fetchOffset).toBe(5);
    expect(session.partitions.get("orders-1")!.fetch.fetchOffset).toBe(7);
  });

  it("drops forgotten partitions and adds newly listed ones", () => {
    const cache = new FetchSessionCache();
    const session = open(cache);
    cache.resolve("broker-1", { sessionId: session.id, sessionEpoch: 1, forgotten: [{ topic: "orders", partition: 0 }] }, [position(2, 0)]);
    expect([...session.partitions.keys()]).toEqual(["orders-1", "orders-2"]);
  });

  it("refuses an unknown session and an epoch out of order", () => {
    const cache = new FetchSessionCache();
    const session = open(cache);
    expect(cache.resolve("broker-1", { sessionId: session.id + 1, sessionEpoch: 1, forgotten: [] }, [])).toBe("FETCH_SESSION_ID_NOT_FOUND");
    expect(cache.resolve("broker-2", { sessionId: session.id, sessionEpoch: 1, forgotten: [] }, [])).toBe("FETCH_SESSION_ID_NOT_FOUND");
    expect(cache.resolve("broker-1", { sessionId: session.id, sessionEpoch: 2, forgotten: [] }, [])).toBe("INVALID_FETCH_SESSION_EPOCH");
    expect(cache.resolve("broker-1", { sessionId: session.id, sessionEpoch: 1, forgotten: [] }, [])).toBe(session);
  });

  it("a new full fetch from the same follower replaces its session", () => {
    const cache = new FetchSessionCache();
    const first = open(cache);
    const second = open(cache);
    expect(second.id).not.toBe(first.id);
    expect(cache.resolve("broker-1", { sessionId: first.id, sessionEpoch: 1, forgotten: [] }, [])).toBe("FETCH_SESSION_ID_NOT_FOUND");
  });

  it("answers every partition the first time, then only what changed", () => {
    const cache = new FetchSessionCache();
    const session = open(cache);
    const cached = (partition: number): SessionPartition => session.partitions.get(`orders-${partition}`)!;
    expect(mustAnswer(session, cached(0), result(0))).toBe(true);
    cache.resolve("broker-1", { sessionId: session.id, sessionEpoch: 1, forgotten: [] }, []);
    expect(mustAnswer(session, cached(0), result(0))).toBe(false);
    expect(mustAnswer(session, cached(0), result(0, { highWatermark: 6 }))).toBe(true);
    expect(mustAnswer(session, cached(0), result(0, { highWatermark: 6 }))).toBe(false);
    expect(mustAnswer(session, cached(0), result(0, { logStartOffset: 2 }))).toBe(true);
    expect(mustAnswer(session, cached(0), result(0, { error: "FENCED_LEADER_EPOCH" }))).toBe(true);
    expect(mustAnswer(session, cached(0), result(0, { divergingEpoch: { epoch: 0, endOffset: 3 } }))).toBe(true);
    const batch = { baseOffset: 2, leaderEpoch: 0, producerId: -1, producerEpoch: -1, baseSequence: -1, records: [{ key: null, value: "v" }] };
    expect(mustAnswer(session, cached(0), result(0, { logStartOffset: 2, batches: [batch] }))).toBe(true);
  });
});
