import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import type { FetchRequest, FetchResponse } from "../../src/protocol/dataMessages";
import { addScriptedClient } from "../support/scriptedClient";
import { logValues, runFor, startCluster, values } from "../support/clusterFixture";

/** Replica fetches delivered in the trace, with their receiver. */
function replicaFetches(events: readonly { kind: string; node: string; to?: string; detail?: object }[]): { from: string; to: string; request: FetchRequest }[] {
  return events
    .filter((e) => e.kind === "deliver" && (e.detail as { type?: string }).type === "FetchRequest")
    .map((e) => ({ from: e.node, to: e.to!, request: e.detail as FetchRequest }))
    .filter((f) => f.request.replicaId !== null);
}

describe("replica fetches in incremental sessions (KIP-227)", () => {
  it("list only partitions whose position moved, and idle partitions stay in the ISR", () => {
    const cluster = startCluster({
      recordTrace: true,
      topics: [topicSpec("orders", 1, 3, { minInsyncReplicas: 2 }), topicSpec("idle", 4, 3, { minInsyncReplicas: 2 })],
    });
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 2000);
    const leader = cluster.leaderOf("orders-0")!;
    const from = cluster.sim.trace.events.length;
    const produced = client().produce(leader, "orders", 0, values("v", 0, 3), -1);
    // acks=all is answered within a few round trips: the followers' parked session fetches wake
    // on the append instead of waiting out replica.fetch.wait.max.ms (500 ms).
    runFor(cluster, 50);
    expect(client().responseTo(produced)?.partitions[0]?.error).toBe("NONE");
    runFor(cluster, 30_000); // three replica.lag.time.max.ms
    const fetches = replicaFetches(cluster.sim.trace.events.slice(from));
    expect(fetches.length).toBeGreaterThan(50);
    const listed = fetches.flatMap((f) => f.request.partitions.map((p) => `${p.topic}-${p.partition}`));
    expect(new Set(listed)).toEqual(new Set(["orders-0"])); // the idle partitions are never listed again
    expect(fetches.filter((f) => f.request.partitions.length === 0).length).toBeGreaterThan(fetches.length / 2);
    for (let partition = 0; partition < 4; partition++) {
      expect(cluster.controllerDisk.partitions.get(`idle-${partition}`)!.isr).toHaveLength(3);
    }
    for (const broker of ["broker-0", "broker-1", "broker-2"]) expect(logValues(cluster, broker, "orders-0")).toEqual(values("v", 0, 3));
  });

  it("refuses a session the leader does not hold, and followers of a bounced leader open new sessions and converge", () => {
    const cluster = startCluster({ recordTrace: true, topics: [topicSpec("orders", 3, 3, { minInsyncReplicas: 2 })] });
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 2000);
    const leader = cluster.leaderOf("orders-0")!;
    const follower = cluster.controllerDisk.partitions.get("orders-0")!.replicas.find((id) => id !== leader)!;
    const bogus: FetchRequest = {
      type: "FetchRequest",
      correlationId: 77,
      replicaId: follower,
      brokerEpoch: -1,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 1 << 20,
      session: { sessionId: 9999, sessionEpoch: 3, forgotten: [] },
      partitions: [],
    };
    client().send(leader, bogus);
    runFor(cluster, 100);
    const refused = client().received.map((r) => r.message as FetchResponse).find((m) => m.correlationId === 77);
    expect(refused).toMatchObject({ type: "FetchResponse", error: "FETCH_SESSION_ID_NOT_FOUND", partitions: [] });

    const from = cluster.sim.trace.events.length;
    cluster.sim.crash(leader, "kill");
    cluster.sim.restart(leader);
    for (let partition = 0; partition < 3; partition++) {
      client().produce(cluster.leaderOf(`orders-${partition}`)!, "orders", partition, values(`p${partition}`, 0, 2), 1);
    }
    runFor(cluster, 20_000);
    const opened = replicaFetches(cluster.sim.trace.events.slice(from)).filter((f) => f.request.session?.sessionEpoch === 0);
    // The bounced broker lost leadership (KIP-380) and its fetchers: it opens sessions afresh.
    // The others already had sessions with the new leaders and list the moved partitions there.
    expect(opened.some((f) => f.from === leader)).toBe(true);
    for (let partition = 0; partition < 3; partition++) {
      const [first, ...rest] = ["broker-0", "broker-1", "broker-2"].map((b) => logValues(cluster, b, `orders-${partition}`));
      for (const other of rest) expect(other).toEqual(first);
    }
  });
});
