import { describe, expect, it } from "vitest";
import { PARTITION_BACKLOG_MAX } from "../../src/network/network";
import { buildNet, ms } from "./netHarness";

describe("network: delivery with a fixed latency", () => {
  it("delivers each message exactly one latency after it was sent", () => {
    const net = buildNet();
    net.send("a", "b", 1);
    net.send("b", "c", 2, 3);
    net.send("c", "a", 3, 3);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["b", 1, ms(5)],
      ["c", 2, ms(8)],
      ["a", 3, ms(8)],
    ]);
    expect(net.sim.network.stats).toMatchObject({ sent: 3, delivered: 3, duplicated: 0 });
  });
});

describe("network: partitions", () => {
  it("a symmetric partition cuts both directions between groups and keeps links inside a group", () => {
    const net = buildNet({ nodes: ["a", "b", "c", "d"] });
    net.sim.network.partition([[net.index("a"), net.index("b")], [net.index("c")]]);
    net.send("a", "c", 1);
    net.send("c", "a", 2);
    net.send("a", "b", 3);
    net.send("b", "a", 4);
    net.send("d", "a", 5); // d is in no group: it keeps every link
    net.send("c", "d", 6);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["b", 3, ms(5)],
      ["a", 4, ms(5)],
      ["a", 5, ms(5)],
      ["d", 6, ms(5)],
    ]);
    expect(net.heldByPartition()).toEqual([
      ["c", 1, 0],
      ["a", 2, 0],
    ]);
    expect(net.drops("partition")).toEqual([]);
    expect(net.sim.network.partitioned).toBe(true);
  });

  it("a one-way partition cuts only from → to", () => {
    const net = buildNet();
    net.sim.network.partitionOneWay(net.index("a"), net.index("b"));
    net.send("a", "b", 1);
    net.send("b", "a", 2);
    net.send("a", "c", 3);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["a", 2, ms(5)],
      ["c", 3, ms(5)],
    ]);
    expect(net.sim.network.isBlocked(net.index("a"), net.index("b"))).toBe(true);
    expect(net.sim.network.isBlocked(net.index("b"), net.index("a"))).toBe(false);
  });

  it("isolating a node cuts it off from everyone, both ways, while the others still talk", () => {
    const net = buildNet();
    net.sim.network.isolate(net.index("b"));
    net.send("a", "b", 1);
    net.send("b", "a", 2);
    net.send("c", "b", 3);
    net.send("b", "c", 4);
    net.send("a", "c", 5);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["c", 5, ms(5)]]);
    expect(net.heldByPartition().map(([to, id]) => [to, id])).toEqual([
      ["b", 1],
      ["a", 2],
      ["b", 3],
      ["c", 4],
    ]);
  });

  it("heal restores every link, and what the partition kept crosses first, in the order sent (TCP retransmits it)", () => {
    const net = buildNet();
    const network = net.sim.network;
    net.at(0, () => {
      network.partition([[net.index("a")], [net.index("b"), net.index("c")]]);
      network.partitionOneWay(net.index("b"), net.index("c"));
    });
    net.send("a", "b", 1, 1); // cut
    net.send("b", "c", 2, 1); // cut one way
    net.send("c", "b", 3, 1); // fine
    net.send("a", "b", 7, 2); // cut, after 1
    net.at(10, () => network.heal());
    net.send("a", "b", 4, 10);
    net.send("b", "c", 5, 10);
    net.send("b", "a", 6, 10);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["b", 3, ms(6)],
      ["b", 1, ms(15)],
      ["b", 7, ms(15)],
      ["c", 2, ms(15)],
      ["b", 4, ms(15)],
      ["c", 5, ms(15)],
      ["a", 6, ms(15)],
    ]);
    expect(network.partitioned).toBe(false);
    expect(network.stats).toMatchObject({ sent: 7, held: 3, delivered: 7 });
  });

  it("a message in flight when its link is cut waits for the heal, and lands ahead of what was sent into the cut", () => {
    const net = buildNet({ fifo: true });
    net.send("a", "b", 1); // due at 5 ms
    net.send("b", "a", 2); // due at 5 ms, other direction
    net.at(2, () => net.sim.network.partitionOneWay(net.index("a"), net.index("b")));
    net.send("a", "b", 3, 3); // sent into the cut before 1 reaches it
    net.at(20, () => net.sim.network.heal());
    net.sim.runUntil(ms(100));
    expect(net.heldByPartition()).toEqual([
      ["b", 3, ms(3)],
      ["b", 1, ms(5)],
    ]);
    expect(net.arrivals()).toEqual([
      ["a", 2, ms(5)],
      ["b", 1, ms(25)],
      ["b", 3, ms(25)],
    ]);
  });

  it("a message in flight across a partition that heals before it lands is delivered", () => {
    const net = buildNet();
    net.at(0, () => net.sim.network.partitionOneWay(net.index("a"), net.index("b")));
    net.at(1, () => net.sim.network.heal());
    net.send("a", "b", 1, 1); // sent after the heal, same instant: delivered
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["b", 1, ms(6)]]);
  });

  it("what a partition kept for a receiver that restarted meanwhile draws its host's reset, not a delivery", () => {
    const net = buildNet();
    net.at(0, () => net.sim.network.partition([[net.index("a")], [net.index("b")]]));
    net.send("a", "b", 1, 1);
    net.at(2, () => net.sim.crash("b"));
    net.at(3, () => net.sim.restart("b"));
    net.at(10, () => net.sim.network.heal());
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([]);
    expect(net.drops("nodeDown")).toEqual([["b", 1, ms(15)]]);
    const resetsAtA = net.received.filter((r) => r.to === "a" && r.type === "ConnectionClosed").map((r) => r.atUs);
    // b's kill notice, kept by the partition too, then the reset for message 1.
    expect(resetsAtA).toEqual([ms(15), ms(20)]);
  });

  it("what a partition kept from a host that lost power is gone: its kernel no longer retransmits it", () => {
    const net = buildNet();
    net.at(0, () => net.sim.network.partition([[net.index("a")], [net.index("b")]]));
    net.send("a", "b", 1, 1);
    net.at(2, () => net.sim.crash("a", "power-loss"));
    net.at(3, () => net.sim.restart("a"));
    net.send("a", "b", 2, 4); // from the new process: kept, then delivered
    net.at(10, () => net.sim.network.heal());
    net.sim.runUntil(ms(100));
    expect(net.drops("partition")).toEqual([["b", 1, ms(10)]]);
    expect(net.arrivals()).toEqual([["b", 2, ms(15)]]);
  });

  it("a killed process's data still crosses after the heal: its kernel closes the connection after sending it", () => {
    const net = buildNet();
    net.at(0, () => net.sim.network.partition([[net.index("a")], [net.index("b")]]));
    net.send("a", "b", 1, 1);
    net.at(2, () => net.sim.crash("a", "kill"));
    net.at(10, () => net.sim.network.heal());
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["b", 1, ms(15)]]);
    const atB = net.received.filter((r) => r.to === "b").map((r) => r.type);
    expect(atB).toEqual(["msg", "ConnectionClosed"]);
  });

  it("a killed process's kept data is not taken by a connection break of its next process", () => {
    const net = buildNet();
    net.at(0, () => net.sim.network.partitionOneWay(net.index("a"), net.index("b")));
    net.send("a", "b", 1, 1); // kept: a's first process, its old connection to b
    net.at(2, () => net.sim.crash("a", "kill"));
    net.at(3, () => net.sim.restart("a"));
    // b's message to a's new process is lost at 4 ms: a's new connection to b is broken until 9 ms.
    net.at(4, () => net.sim.network.setLink(net.index("b"), net.index("a"), { loss: 1 }));
    net.send("b", "a", 2, 4);
    net.at(4, () => net.sim.network.clearLink(net.index("b"), net.index("a")));
    net.at(5, () => net.sim.network.heal());
    net.sim.runUntil(ms(100));
    expect(net.drops("severed")).toEqual([]);
    expect(net.arrivals()).toEqual([["b", 1, ms(10)]]);
  });

  it("what a client sent on a connection it opened and closed again within the cut never left its host", () => {
    // "close" is the client's own close (TCP's FIN from the application): the next message opens a new connection.
    const net = buildNet({ isClientClose: (message) => (message as { type: string }).type === "close" });
    const close = (): void => net.node("a").ctx.send("b", { type: "close" });
    net.send("a", "b", 0, 0); // before the cut: its connection is established
    net.at(6, () => net.sim.network.partitionOneWay(net.index("a"), net.index("b")));
    net.send("a", "b", 1, 7); // on that connection: it crosses after the heal
    net.at(8, close);
    net.send("a", "b", 2, 9); // a new connection, opened in the cut...
    net.at(10, close); // ...and closed in it: its handshake never crossed
    net.send("a", "b", 3, 11); // the connection open at the heal: it connects then and carries this
    net.at(20, () => net.sim.network.heal());
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["b", 0, ms(5)],
      ["b", 1, ms(25)],
      ["b", 3, ms(25)],
    ]);
    expect(net.drops("partition-never-connected")).toEqual([["b", 2, ms(20)]]);
    const closesAtB = net.received.filter((r) => r.to === "b" && r.type === "close").map((r) => r.atUs);
    expect(closesAtB).toEqual([ms(25)]); // the first connection's; the second never existed for b
  });

  it("a connection opened within the cut is never established even when the one before it was closed before the cut", () => {
    const net = buildNet({ isClientClose: (message) => (message as { type: string }).type === "close" });
    const close = (): void => net.node("a").ctx.send("b", { type: "close" });
    net.send("a", "b", 0, 0); // connection 0, established
    net.at(1, close); // closed before the cut: the next connection opens with its first message
    net.at(6, () => net.sim.network.partitionOneWay(net.index("a"), net.index("b")));
    net.send("a", "b", 1, 7); // connection 1: opened in the cut...
    net.at(8, close); // ...and closed in it: its handshake never crossed
    net.send("a", "b", 2, 9); // connection 2, open at the heal
    net.at(20, () => net.sim.network.heal());
    net.sim.runUntil(ms(100));
    expect(net.drops("partition-never-connected")).toEqual([["b", 1, ms(20)]]);
    expect(net.arrivals()).toEqual([
      ["b", 0, ms(5)],
      ["b", 2, ms(25)],
    ]);
  });

  it("what a cut kept of a connection a lost message broke meanwhile dies with that connection", () => {
    const net = buildNet();
    net.at(0, () => net.sim.network.partitionOneWay(net.index("a"), net.index("b")));
    net.send("a", "b", 1, 1); // kept by the cut, on a's connection to b
    // b's message to a is lost at 2 ms: that connection breaks, and both ends hear so at 7 ms.
    net.at(2, () => net.sim.network.setLink(net.index("b"), net.index("a"), { loss: 1 }));
    net.send("b", "a", 2, 2);
    net.at(2, () => net.sim.network.clearLink(net.index("b"), net.index("a")));
    net.send("a", "b", 3, 8); // after a heard: a new connection, kept by the cut, crosses at the heal
    net.at(20, () => net.sim.network.heal());
    net.sim.runUntil(ms(100));
    expect(net.drops("severed")).toEqual([["b", 1, ms(20)]]);
    expect(net.arrivals()).toEqual([["b", 3, ms(25)]]);
  });

  it(`keeps at most ${PARTITION_BACKLOG_MAX} messages per cut link and drops, traced, what comes beyond`, () => {
    const net = buildNet();
    net.sim.network.partitionOneWay(net.index("a"), net.index("b"));
    for (let id = 0; id <= PARTITION_BACKLOG_MAX; id++) net.send("a", "b", id);
    net.at(10, () => net.sim.network.heal());
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toHaveLength(PARTITION_BACKLOG_MAX);
    const full = net.sim.trace.events.filter((e) => e.kind === "drop:partition-backlog-full");
    expect(full.map((e) => (e.detail as { id: number }).id)).toEqual([PARTITION_BACKLOG_MAX]);
  });

  it("rejects node indices that are not registered, naming the method", () => {
    const net = buildNet();
    expect(() => net.sim.network.partition([[0], [7]])).toThrow(/Network\.partition: node index 7/);
    expect(() => net.sim.network.partitionOneWay(0, -1)).toThrow(/Network\.partitionOneWay/);
    expect(() => net.sim.network.isolate(3)).toThrow(/Network\.isolate/);
    expect(() => net.sim.network.hold(0, 1.5)).toThrow(/Network\.hold/);
  });
});
