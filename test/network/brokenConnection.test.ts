/**
 * A lost message breaks its connection as TCP would (Network.sever): both ends hear a
 * ConnectionClosed, nothing either end sends before it hears arrives, and no link fault, restart
 * or reordering lets a later message land where the lost one left a gap.
 */
import { describe, expect, it } from "vitest";
import { buildNet, ms, type Net, type Numbered } from "./netHarness";

/** a's message 0 to b, sent at 1 ms, is lost (a loss-1 override for that one send). */
function loseOne(net: Net): void {
  net.at(1, () => net.sim.network.setLink(net.index("a"), net.index("b"), { loss: 1 }));
  net.send("a", "b", 0, 1);
  net.at(1, () => net.sim.network.clearLink(net.index("a"), net.index("b")));
}

/** When each node heard a ConnectionClosed, and from whom. */
function closesHeard(net: Net): [string, string, number][] {
  return net.received.filter((r) => r.type === "ConnectionClosed").map((r) => [r.to, r.from, r.atUs]);
}

describe("network: a loss breaks the connection", () => {
  it("a message sent after the lost one, before the sender hears, never arrives", () => {
    const net = buildNet();
    loseOne(net);
    net.send("a", "b", 1, 2);
    net.send("a", "b", 2, 5);
    net.sim.runUntil(ms(10_000));
    expect(net.drops("loss")).toEqual([["b", 0, ms(1)]]);
    expect(net.drops("severed")).toEqual([
      ["b", 1, ms(2)],
      ["b", 2, ms(5)],
    ]);
    expect(net.arrivals()).toEqual([]);
  });

  it("both ends hear of the break one latency later, even through a partition cut meanwhile", () => {
    const net = buildNet();
    loseOne(net);
    net.at(2, () => net.sim.network.partition([[net.index("a")], [net.index("b")]]));
    net.sim.runUntil(ms(100));
    expect(closesHeard(net)).toEqual([
      ["a", "b", ms(6)],
      ["b", "a", ms(6)],
    ]);
  });

  it("once an end has heard, it sends on a new connection; the partition then keeps it until the heal", () => {
    const net = buildNet();
    loseOne(net);
    net.at(2, () => net.sim.network.partition([[net.index("a")], [net.index("b")]]));
    net.send("a", "b", 1, 7);
    net.at(8, () => net.sim.network.heal());
    net.send("a", "b", 2, 9);
    net.sim.runUntil(ms(100));
    expect(net.drops("severed")).toEqual([]);
    expect(net.heldByPartition()).toEqual([["b", 1, ms(7)]]);
    expect(net.arrivals()).toEqual([
      ["b", 1, ms(13)],
      ["b", 2, ms(14)],
    ]);
  });

  it("on FIFO links, what an end sends once it has heard lands after the other end's notice", () => {
    for (const seed of ["fifo-1", "fifo-2", "fifo-3", "fifo-4"]) {
      const net = buildNet({ seed, fifo: true, link: { latencyMinMs: 1, latencyMaxMs: 40 } });
      // a hears within 1 ms; b's notice rides a → b, whose latency is drawn from 1..40 ms.
      net.at(0, () => net.sim.network.setLink(net.index("b"), net.index("a"), { latencyMinMs: 1, latencyMaxMs: 1 }));
      loseOne(net);
      net.send("a", "b", 1, 3);
      net.sim.runUntil(ms(200));
      const atB = net.received.filter((r) => r.to === "b").map((r) => r.type);
      expect(atB).toEqual(["ConnectionClosed", "msg"]);
    }
  });

  it("an end restarted before it hears opens new connections: its sends arrive", () => {
    const net = buildNet();
    loseOne(net);
    net.at(2, () => net.sim.crash("a"));
    net.at(3, () => net.sim.restart("a"));
    net.send("a", "b", 1, 4);
    net.sim.runUntil(ms(100));
    expect(net.drops("severed")).toEqual([]);
    expect(net.arrivals()).toEqual([["b", 1, ms(9)]]);
  });

  it("a notice is heard after whatever the other end sent before the loss (FIFO)", () => {
    const net = buildNet({ fifo: true, link: { latencyMinMs: 1, latencyMaxMs: 40 }, seed: "slow-reply" });
    net.at(0, () => net.sim.network.setLink(net.index("b"), net.index("a"), { latencyMinMs: 30, latencyMaxMs: 30 }));
    net.send("b", "a", 7, 0); // arrives at 30 ms
    net.at(0, () => net.sim.network.setLink(net.index("b"), net.index("a"), { latencyMinMs: 1, latencyMaxMs: 1 }));
    loseOne(net);
    net.sim.runUntil(ms(200));
    const atA = net.received.filter((r) => r.to === "a").map((r) => [r.type, r.atUs]);
    expect(atA).toEqual([
      ["msg", ms(30)],
      ["ConnectionClosed", ms(30)],
    ]);
  });

  it("with channels, a loss breaks only the connection it rode: the other carries on", () => {
    const parity = (message: object): string => {
      const numbered = message as Partial<Numbered>;
      return numbered.type === "msg" ? (numbered.id! % 2 === 0 ? "even" : "odd") : "";
    };
    const net = buildNet({ channelOf: parity });
    loseOne(net); // message 0 rides "even"
    net.send("a", "b", 1, 2);
    net.send("a", "b", 2, 2);
    net.send("b", "a", 3, 2);
    net.send("b", "a", 4, 2);
    net.send("a", "b", 6, 20); // after both heard (at 6 ms): a new even connection
    net.sim.runUntil(ms(100));
    expect(net.drops("severed")).toEqual([
      ["b", 2, ms(2)],
      ["a", 4, ms(2)],
    ]);
    expect(net.arrivals()).toEqual([
      ["b", 1, ms(7)],
      ["a", 3, ms(7)],
      ["b", 6, ms(25)],
    ]);
    const closes = net.received.filter((r) => r.type === "ConnectionClosed").map((r) => [r.to, r.channel]);
    expect(closes).toEqual([
      ["a", "even"],
      ["b", "even"],
    ]);
  });
});

describe("network: a restarted host's reset", () => {
  it("reaches the sender even while the host's new process has a broken connection of that class to it", () => {
    // a loses power (no notice goes out) and restarts; b's message to the old process draws a reset.
    // As in a cluster: odd messages ride a coordinator connection, the rest (resets too) the data one.
    const channelOf = (message: object): string => {
      const numbered = message as Partial<Numbered>;
      return numbered.type === "msg" && numbered.id! % 2 === 1 ? "coordinator" : "data";
    };
    const net = buildNet({ channelOf });
    net.send("b", "a", 9, 0); // on b's coordinator connection to a's first process; lands at 5 ms
    net.at(1, () => net.sim.crash("a", "power-loss"));
    net.at(2, () => net.sim.restart("a"));
    // a's new process loses a data message at 3 ms: its data connection to b is broken until 8 ms.
    net.at(3, () => net.sim.network.setLink(net.index("a"), net.index("b"), { loss: 1 }));
    net.send("a", "b", 0, 3);
    net.at(3, () => net.sim.network.clearLink(net.index("a"), net.index("b")));
    net.sim.runUntil(ms(100));
    // The reset for message 9 comes from a's kernel, not from a connection of its new process.
    const atB = net.received.filter((r) => r.to === "b").map((r) => [r.type, r.channel ?? "all", r.atUs]);
    expect(atB).toEqual([
      ["ConnectionClosed", "data", ms(8)],
      ["ConnectionClosed", "all", ms(10)],
    ]);
  });
});
