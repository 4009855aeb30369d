import { describe, expect, it } from "vitest";
import { buildNet, ms, type Net } from "./netHarness";

function sendMany(net: Net, from: string, to: string, count: number): void {
  for (let id = 0; id < count; id++) net.send(from, to, id);
}

describe("network: loss", () => {
  it("loss = 1 drops the first message, and the rest die with its connection until the sender hears", () => {
    const net = buildNet({ link: { loss: 1 } });
    sendMany(net, "a", "b", 20);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([]);
    expect(net.drops("loss")).toEqual([["b", 0, 0]]);
    expect(net.drops("severed")).toEqual(Array.from({ length: 19 }, (_, id) => ["b", id + 1, 0]));
  });

  it("loss = 0.3 drops about 30% of messages sent after each loss is heard, the same for the same seed", () => {
    const lost = (seed: string): number[] => {
      const net = buildNet({ seed, link: { loss: 0.3 } });
      // 20 ms apart: every loss's notice (one 5 ms latency) is heard before the next send.
      for (let id = 0; id < 1000; id++) net.send("a", "b", id, id * 20);
      net.sim.runUntil(ms(20_100));
      expect(net.drops("severed")).toEqual([]);
      const delivered = new Set(net.arrivals().map(([, id]) => id));
      return Array.from({ length: 1000 }, (_, id) => id).filter((id) => !delivered.has(id));
    };
    const first = lost("loss-seed");
    expect(first.length).toBeGreaterThan(240);
    expect(first.length).toBeLessThan(360);
    expect(lost("loss-seed")).toEqual(first);
    expect(lost("another-seed")).not.toEqual(first);
  });

  it("as on TCP, nothing either end sends after a lost message arrives before that end hears of the break", () => {
    const net = buildNet();
    net.at(0, () => net.sim.network.setLink(net.index("a"), net.index("b"), { loss: 1 }));
    net.send("a", "b", 0, 1); // lost: both ends hear a ConnectionClosed at 6 ms
    net.at(2, () => net.sim.network.clearLink(net.index("a"), net.index("b")));
    net.send("a", "b", 1, 3); // rides the broken connection
    net.send("b", "a", 2, 3); // so does the other end's
    net.send("a", "c", 3, 3); // another connection: unharmed
    net.send("a", "b", 4, 7); // after a heard: a new connection
    net.sim.runUntil(ms(100));
    expect(net.drops("loss")).toEqual([["b", 0, ms(1)]]);
    expect(net.drops("severed")).toEqual([
      ["b", 1, ms(3)],
      ["a", 2, ms(3)],
    ]);
    expect(net.arrivals()).toEqual([
      ["c", 3, ms(8)],
      ["b", 4, ms(12)],
    ]);
  });

  it("every delivered message still arrives exactly one latency after it was sent", () => {
    const net = buildNet({ link: { loss: 0.5 } });
    sendMany(net, "a", "b", 50);
    net.sim.runUntil(ms(100));
    for (const [, , atUs] of net.arrivals()) expect(atUs).toBe(ms(5));
  });
});

describe("network: duplication", () => {
  it("duplicate = 1 delivers every message twice, both after the link's latency", () => {
    const net = buildNet({ link: { duplicate: 1 } });
    net.send("a", "b", 1);
    net.send("a", "b", 2, 1);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["b", 1, ms(5)],
      ["b", 1, ms(5)],
      ["b", 2, ms(6)],
      ["b", 2, ms(6)],
    ]);
    expect(net.sim.network.stats).toMatchObject({ sent: 2, duplicated: 2, delivered: 4 });
  });

  it("a duplicate gets its own latency draw", () => {
    const net = buildNet({ link: { latencyMinMs: 1, latencyMaxMs: 50, duplicate: 1 } });
    sendMany(net, "a", "b", 20);
    net.sim.runUntil(ms(100));
    const timesById = new Map<number, number[]>();
    for (const [, id, atUs] of net.arrivals()) timesById.set(id, [...(timesById.get(id) ?? []), atUs]);
    expect([...timesById.values()].every((times) => times.length === 2)).toBe(true);
    expect([...timesById.values()].some(([first, second]) => first !== second)).toBe(true);
  });
});

describe("network: hold and release", () => {
  it("holds messages on one directed link until release, then sends them in order with a fresh latency", () => {
    const net = buildNet();
    const network = net.sim.network;
    network.hold(net.index("a"), net.index("b"));
    net.send("a", "b", 1, 0);
    net.send("a", "b", 2, 1);
    net.send("a", "b", 3, 2);
    net.send("b", "a", 4, 0); // the other direction is not held
    net.send("a", "c", 5, 0); // nor is another link from a
    net.at(20, () => network.release(net.index("a"), net.index("b")));
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["a", 4, ms(5)],
      ["c", 5, ms(5)],
      ["b", 1, ms(25)],
      ["b", 2, ms(25)],
      ["b", 3, ms(25)],
    ]);
    expect(network.stats).toMatchObject({ sent: 5, held: 3, delivered: 5 });
  });

  it("releaseAll lets every held link flow again", () => {
    const net = buildNet();
    const network = net.sim.network;
    network.hold(net.index("b"), net.index("a"));
    network.hold(net.index("a"), net.index("c"));
    net.send("a", "c", 1);
    net.send("b", "a", 2);
    net.at(10, () => network.releaseAll());
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["c", 1, ms(15)],
      ["a", 2, ms(15)],
    ]);
  });

  it("a released message meets the link as it is at release: a partition then keeps it until the heal", () => {
    const net = buildNet();
    const network = net.sim.network;
    network.hold(net.index("a"), net.index("b"));
    net.send("a", "b", 1);
    net.at(5, () => network.partition([[net.index("a")], [net.index("b")]]));
    net.at(10, () => network.release(net.index("a"), net.index("b")));
    net.at(30, () => network.heal());
    net.sim.runUntil(ms(100));
    expect(net.heldByPartition()).toEqual([["b", 1, ms(10)]]);
    expect(net.arrivals()).toEqual([["b", 1, ms(35)]]);
    expect(network.stats).toMatchObject({ sent: 1, held: 2, delivered: 1 });
  });

  it("a message held while its receiver restarts is not delivered to the new incarnation", () => {
    const net = buildNet();
    const network = net.sim.network;
    network.hold(net.index("a"), net.index("b"));
    net.send("a", "b", 1); // on the connection to b's first incarnation
    net.at(2, () => net.sim.crash("b", "power-loss"));
    net.at(3, () => net.sim.restart("b"));
    net.send("a", "b", 2, 4); // to the second incarnation
    net.at(10, () => network.release(net.index("a"), net.index("b")));
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["b", 2, ms(15)]]);
    expect(net.drops("nodeDown")).toEqual([["b", 1, ms(15)]]);
  });

  it("releasing a link that is not held does nothing", () => {
    const net = buildNet();
    net.sim.network.release(net.index("a"), net.index("b"));
    net.send("a", "b", 1);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["b", 1, ms(5)]]);
  });
});

describe("network: link overrides", () => {
  it("setLink changes one directed link's latency; others keep the default", () => {
    const net = buildNet();
    const network = net.sim.network;
    network.setLink(net.index("a"), net.index("b"), { latencyMinMs: 20, latencyMaxMs: 20 });
    net.send("a", "b", 1);
    net.send("b", "a", 2);
    net.send("a", "c", 3);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["a", 2, ms(5)],
      ["c", 3, ms(5)],
      ["b", 1, ms(20)],
    ]);
  });

  it("overrides stack on the current override, and clearLink / clearLinks restore the default", () => {
    const net = buildNet();
    const network = net.sim.network;
    const [a, b, c] = [net.index("a"), net.index("b"), net.index("c")];
    network.setLink(a, b, { latencyMinMs: 20, latencyMaxMs: 20 });
    network.setLink(a, b, { loss: 1 }); // keeps the 20 ms latency, adds loss
    network.setLink(a, c, { latencyMinMs: 0.25, latencyMaxMs: 0.25 });
    net.send("a", "b", 1);
    net.send("a", "c", 2);
    net.at(10, () => network.setLink(a, b, { loss: 0 }));
    net.send("a", "b", 3, 10);
    net.at(40, () => network.clearLink(a, b));
    net.send("a", "b", 4, 40);
    net.send("a", "c", 5, 40);
    net.at(60, () => network.clearLinks());
    net.send("a", "c", 6, 60);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["c", 2, 250],
      ["b", 3, ms(30)],
      ["c", 5, ms(40) + 250],
      ["b", 4, ms(45)],
      ["c", 6, ms(65)],
    ]);
    expect(net.drops("loss")).toEqual([["b", 1, 0]]);
  });

  it("rejects impossible link settings with a message naming the method", () => {
    const net = buildNet();
    expect(() => net.sim.network.setLink(0, 1, { latencyMinMs: 10, latencyMaxMs: 5 })).toThrow(
      /Network\.setLink: need 0 <= latencyMinMs <= latencyMaxMs/,
    );
    expect(() => net.sim.network.setLink(0, 1, { loss: 1.5 })).toThrow(/Network\.setLink: loss/);
    expect(() => buildNet({ link: { duplicate: -0.1 } })).toThrow(/Network: duplicate/);
  });
});

describe("network: ordering on a link", () => {
  function arrivalOrder(fifo: boolean, seed: string): number[] {
    const net = buildNet({ seed, fifo, link: { latencyMinMs: 1, latencyMaxMs: 10 } });
    for (let id = 0; id < 100; id++) net.send("a", "b", id, id * 0.1);
    net.sim.runUntil(ms(1000));
    return net.arrivals().map(([, id]) => id);
  }
  const inOrder = Array.from({ length: 100 }, (_, id) => id);

  it("with fifo, one link never reorders, whatever the jitter", () => {
    for (const seed of ["s1", "s2", "s3"]) expect(arrivalOrder(true, seed)).toEqual(inOrder);
  });

  it("without fifo, jitter lets later messages overtake earlier ones", () => {
    const order = arrivalOrder(false, "s1");
    expect([...order].sort((x, y) => x - y)).toEqual(inOrder);
    expect(order).not.toEqual(inOrder);
  });

  it("messages due at the same instant arrive in the order they were sent", () => {
    const net = buildNet();
    for (let id = 0; id < 10; id++) net.send(id % 2 === 0 ? "a" : "c", "b", id);
    net.sim.runUntil(ms(100));
    expect(net.arrivals().map(([, id, atUs]) => [id, atUs])).toEqual(
      inOrder.slice(0, 10).map((id) => [id, ms(5)]),
    );
  });
});
