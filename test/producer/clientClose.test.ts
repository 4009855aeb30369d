/**
 * A client that gives up on a request closes its connection, and the broker hears of it (as
 * TCP's FIN tells Kafka's): the requests it had not yet read there are dropped, and the client's
 * next requests, on a new connection, are read at once instead of waiting behind them.
 */
import { describe, expect, it } from "vitest";
import { DATA_CONNECTION_CLOSED } from "../../src/protocol/clientClosedConnection";
import { logValues, runFor, startCluster } from "../support/clusterFixture";
import { idleProducerOnOnePartition, QUICK_RETRIES } from "../support/producerFixture";
import { addScriptedClient } from "../support/scriptedClient";

describe("a client's own close reaches the broker", () => {
  it("drops the requests left unread on the closed connection and reads the next connection's at once", () => {
    const cluster = startCluster();
    const sim = cluster.sim;
    const client = addScriptedClient(sim, "client");
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    // The followers cannot fetch: the leader appends, but its HW cannot move, so acks=all waits (30 s).
    for (const id of cluster.brokerIds.filter((id) => id !== leader)) sim.network.partitionOneWay(sim.indexOf(id), sim.indexOf(leader));
    client().produce(leader, "orders", 0, ["waits"]);
    client().produce(leader, "orders", 0, ["unread"]);
    runFor(cluster, 100);
    expect(logValues(cluster, leader, "orders-0")).toEqual(["waits"]);
    client().send(leader, DATA_CONNECTION_CLOSED);
    client().produce(leader, "orders", 0, ["next"]);
    runFor(cluster, 100);
    expect(logValues(cluster, leader, "orders-0")).toEqual(["waits", "next"]);
    runFor(cluster, 40_000); // past the first request's purgatory timeout: "unread" stays unread
    expect(logValues(cluster, leader, "orders-0")).toEqual(["waits", "next"]);
  });

  it("is sent by a producer whose request timed out, ahead of its retries", () => {
    const { cluster, producer, leader } = idleProducerOnOnePartition({ enableIdempotence: false, ...QUICK_RETRIES });
    const sim = cluster.sim;
    const toLeader: string[] = [];
    sim.trace.subscribe((event) => {
      const type = (event.detail as { type?: string } | undefined)?.type;
      if (event.kind === "deliver" && event.node === producer.nodeId && event.to === leader && type !== "MetadataRequest") toLeader.push(type!);
    });
    sim.network.hold(sim.indexOf(leader), sim.indexOf(producer.nodeId)); // no answer comes back
    sim.after(0, () => producer.app().client.send("orders", null, "a"));
    runFor(cluster, 1100); // the request times out at 1,000 ms and is retried 10 ms later
    expect(toLeader).toEqual(["ProduceRequest", "ClientClosedConnection", "ProduceRequest"]);
  });
});
