import { describe, expect, it } from "vitest";
import { partitionForGroup } from "../../src/broker/groupPartitioner";
import { OFFSETS_TOPIC } from "../../src/cluster/clusterSpec";
import type { GroupRequest, GroupResponse, JoinGroupResponse } from "../../src/protocol/groupMessages";
import { runFor } from "../support/clusterFixture";
import { addScriptedClient, type ScriptedClient } from "../support/scriptedClient";
import { startGroupCluster } from "./consumerFixture";

type RequestBody<T> = T extends GroupRequest ? Omit<T, "correlationId"> : never;

/** Drives the coordinator with raw requests, one answer at a time. */
class RawMember {
  private nextCorrelationId = 1000;

  constructor(
    private readonly cluster: ReturnType<typeof startGroupCluster>,
    private readonly client: () => ScriptedClient,
    private readonly to: string,
  ) {}

  /** Sends, runs the simulation `waitMs`, returns the answer (undefined if none yet). */
  call<R extends GroupResponse>(body: RequestBody<GroupRequest>, waitMs = 200): R | undefined {
    const correlationId = this.nextCorrelationId++;
    this.client().send(this.to, { ...body, correlationId } as GroupRequest);
    runFor(this.cluster, waitMs);
    return this.answer<R>(correlationId);
  }

  send(body: RequestBody<GroupRequest>): number {
    const correlationId = this.nextCorrelationId++;
    this.client().send(this.to, { ...body, correlationId } as GroupRequest);
    return correlationId;
  }

  wait(ms: number): void {
    runFor(this.cluster, ms);
  }

  answer<R extends GroupResponse>(correlationId: number): R | undefined {
    return this.client()
      .received.map((r) => r.message as GroupResponse)
      .find((m) => m.correlationId === correlationId) as R | undefined;
  }

  /** JoinGroup as Kafka's clients do: first without a member id, then with the one handed out. */
  joinRequest(memberId: string): RequestBody<GroupRequest> {
    return {
      type: "JoinGroupRequest",
      groupId: "g",
      memberId,
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 5000,
      protocols: [{ name: "range", metadata: { topics: ["orders"] } }],
    };
  }
}

function setUp() {
  const cluster = startGroupCluster(2, { offsetsTopicNumPartitions: 3 });
  runFor(cluster, 1000);
  const coordinator = cluster.leaderOf(`${OFFSETS_TOPIC}-${partitionForGroup("g", 3)}`)!;
  const member = (name: string) => new RawMember(cluster, addScriptedClient(cluster.sim, name), coordinator);
  return { cluster, coordinator, member };
}

describe("group coordinator protocol", () => {
  it("answers FindCoordinator from any broker, and NOT_COORDINATOR from the others", () => {
    const { cluster, coordinator } = setUp();
    for (const broker of cluster.brokerIds) {
      const raw = new RawMember(cluster, addScriptedClient(cluster.sim, `probe-${broker}`), broker);
      expect(raw.call({ type: "FindCoordinatorRequest", groupId: "g" })).toMatchObject({
        error: "NONE",
        coordinator,
      });
      const heartbeat = raw.call({ type: "HeartbeatRequest", groupId: "g", generationId: 1, memberId: "m" });
      expect(heartbeat).toMatchObject({
        error: broker === coordinator ? "UNKNOWN_MEMBER_ID" : "NOT_COORDINATOR",
      });
    }
  });

  it("hands out member ids, bumps generations, and validates commits as Kafka does", () => {
    const { member } = setUp();
    const a = member("a");
    const required = a.call<JoinGroupResponse>(a.joinRequest(""))!;
    expect(required.error).toBe("MEMBER_ID_REQUIRED");
    const joined = a.call<JoinGroupResponse>(a.joinRequest(required.memberId))!;
    expect(joined).toMatchObject({ error: "NONE", generationId: 1, leader: required.memberId });
    const aId = joined.memberId;
    const assignment = [{ memberId: aId, partitions: [{ topic: "orders", partition: 0 }] }];
    expect(
      a.call({
        type: "SyncGroupRequest",
        groupId: "g",
        generationId: 1,
        memberId: aId,
        assignments: assignment,
      }),
    ).toMatchObject({
      error: "NONE",
      partitions: [{ topic: "orders", partition: 0 }],
    });
    const commit = (memberId: string, generationId: number) =>
      a.call({
        type: "OffsetCommitRequest",
        groupId: "g",
        generationId,
        memberId,
        offsets: [{ topic: "orders", partition: 0, offset: 5 }],
      });
    expect(commit(aId, 1)).toMatchObject({ partitions: [{ error: "NONE" }] });

    // B joins: a rebalance starts. A may still commit in its generation while the group waits for joins.
    const b = member("b");
    const bId = b.call<JoinGroupResponse>(b.joinRequest(""))!.memberId;
    const bJoin = b.send(b.joinRequest(bId));
    b.wait(100);
    expect(a.call({ type: "HeartbeatRequest", groupId: "g", generationId: 1, memberId: aId })).toMatchObject({
      error: "REBALANCE_IN_PROGRESS",
    });
    expect(commit(aId, 1)).toMatchObject({ partitions: [{ error: "NONE" }] });

    const aRejoin = a.call<JoinGroupResponse>(a.joinRequest(aId))!;
    expect(aRejoin).toMatchObject({ error: "NONE", generationId: 2, leader: aId });
    expect(aRejoin.members.map((m) => m.memberId).sort()).toEqual([aId, bId].sort());
    expect(b.answer<JoinGroupResponse>(bJoin)).toMatchObject({
      error: "NONE",
      generationId: 2,
      leader: aId,
      members: [],
    });

    expect(commit(aId, 2)).toMatchObject({ partitions: [{ error: "REBALANCE_IN_PROGRESS" }] }); // assignment pending
    expect(commit(aId, 1)).toMatchObject({ partitions: [{ error: "ILLEGAL_GENERATION" }] }); // stale generation
    expect(commit("stranger", 2)).toMatchObject({ partitions: [{ error: "UNKNOWN_MEMBER_ID" }] });
    expect(
      a.call({ type: "OffsetFetchRequest", groupId: "g", partitions: [{ topic: "orders", partition: 0 }] }),
    ).toMatchObject({
      error: "NONE",
      partitions: [{ topic: "orders", partition: 0, offset: 5 }],
    });
  });

  it("rejects a session timeout outside group.min/max.session.timeout.ms", () => {
    const { member } = setUp();
    const a = member("a");
    const request = { ...a.joinRequest(""), sessionTimeoutMs: 1000 } as RequestBody<GroupRequest>;
    expect(a.call(request)).toMatchObject({ error: "INVALID_SESSION_TIMEOUT" });
  });

  // Kafka's classic coordinator stores a generation only with its assignment (or when the group
  // empties), so a failover after a join phase but before the leader's SyncGroup is stored goes
  // back to the stored generation, and a member that rejoins gets that generation again.
  it("hands out the stored generation again after a failover before the SyncGroup was stored", () => {
    const { cluster, coordinator, member } = setUp();
    const joinAs = (raw: RawMember, memberId: string) =>
      raw.call<JoinGroupResponse>(raw.joinRequest(memberId))!;
    const sync = (
      raw: RawMember,
      memberId: string,
      generationId: number,
      assignments = [] as { memberId: string; partitions: { topic: string; partition: number }[] }[],
    ) => raw.call({ type: "SyncGroupRequest", groupId: "g", generationId, memberId, assignments });
    const a = member("a");
    const aId = joinAs(a, joinAs(a, "").memberId).memberId;
    sync(a, aId, 1, [{ memberId: aId, partitions: [] }]);
    const b = member("b");
    const bId = joinAs(b, "").memberId;
    b.send(b.joinRequest(bId));
    expect(joinAs(a, aId)).toMatchObject({ generationId: 2, leader: aId });
    const assignment = [
      { memberId: aId, partitions: [{ topic: "orders", partition: 0 }] },
      { memberId: bId, partitions: [{ topic: "orders", partition: 1 }] },
    ];
    sync(a, aId, 2, assignment);
    expect(sync(b, bId, 2)).toMatchObject({ error: "NONE", partitions: [{ topic: "orders", partition: 1 }] });

    // c joins: generation 3's join phase completes, but the leader never syncs it.
    const c = member("c");
    const cId = joinAs(c, "").memberId;
    c.send(c.joinRequest(cId));
    b.send(b.joinRequest(bId));
    expect(joinAs(a, aId)).toMatchObject({ generationId: 3 });

    const offsetsPartition = `${OFFSETS_TOPIC}-${partitionForGroup("g", 3)}`;
    cluster.sim.crash(coordinator);
    while (cluster.leaderOf(offsetsPartition) === coordinator) runFor(cluster, 200);
    runFor(cluster, 500);
    const next = cluster.leaderOf(offsetsPartition)!;
    const bAgain = new RawMember(cluster, addScriptedClient(cluster.sim, "b-again"), next);
    expect(joinAs(bAgain, bId)).toMatchObject({ error: "NONE", generationId: 2 });
    expect(sync(bAgain, bId, 2)).toMatchObject({
      error: "NONE",
      partitions: [{ topic: "orders", partition: 1 }],
    });
  });
});
