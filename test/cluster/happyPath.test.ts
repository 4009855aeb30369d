import { describe, expect, it } from "vitest";
import { addScriptedClient } from "../support/scriptedClient";
import { logValues, runFor, startCluster, values } from "../support/clusterFixture";

describe("happy path: 3 brokers, RF 3, acks=all, min ISR 2", () => {
  it("commits 1,000 records and leaves every replica identical", () => {
    const cluster = startCluster();
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    expect(leader).toMatch(/^broker-\d$/);
    const correlationIds: number[] = [];
    for (let i = 0; i < 100; i++) {
      cluster.sim.after(i * 10, () => correlationIds.push(client().produce(leader, "orders", 0, values("v", i * 10, 10))));
    }
    runFor(cluster, 5000);
    const responses = correlationIds.map((id) => client().responseTo(id));
    expect(responses.every((r) => r?.partitions[0]?.error === "NONE")).toBe(true);
    expect(responses.map((r) => r!.partitions[0]!.baseOffset)).toEqual(correlationIds.map((_, i) => i * 10));
    const expected = values("v", 0, 1000);
    for (const broker of cluster.brokerIds) expect(logValues(cluster, broker, "orders-0")).toEqual(expected);
    const hws = cluster.brokerIds.map((b) => cluster.broker(b)!.replicas.partitions.get("orders-0")!.highWatermark);
    expect(hws[cluster.brokerIds.indexOf(leader)]).toBe(1000);
  });
});
