import { describe, expect, it } from "vitest";
import { decodeGroupRecord, offsetCommitRecord } from "../../src/broker/groupRecords";

describe("group records: committed offsets in __consumer_offsets", () => {
  it("keep the leader epoch committed with an offset (KIP-320), and its absence", () => {
    const withEpoch = offsetCommitRecord("g", { topic: "orders", partition: 2, offset: 17, leaderEpoch: 4 });
    expect(decodeGroupRecord(withEpoch)).toEqual({ kind: "offset", groupId: "g", topic: "orders", partition: 2, offset: 17, leaderEpoch: 4 });
    const without = offsetCommitRecord("g", { topic: "orders", partition: 2, offset: 17 });
    expect(decodeGroupRecord(without)).toEqual({ kind: "offset", groupId: "g", topic: "orders", partition: 2, offset: 17 });
  });
});
