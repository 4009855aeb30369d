import { describe, expect, it } from "vitest";
import { buildNet, ms } from "./netHarness";

describe("crash: messages to a crashed node", () => {
  it("a message landing on a crashed node is dropped; the node's peers keep talking", () => {
    const net = buildNet();
    net.send("a", "b", 1); // lands at 5 ms, after the crash
    net.send("a", "c", 2);
    net.at(2, () => net.sim.crash("b"));
    net.send("a", "b", 3, 3); // sent to a node already down
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["c", 2, ms(5)]]);
    expect(net.drops("nodeDown")).toEqual([
      ["b", 1, ms(5)],
      ["b", 3, ms(8)],
    ]);
  });

  it("a message sent to an old incarnation is dropped even though the node is up again", () => {
    const net = buildNet();
    net.send("a", "b", 1); // lands at 5 ms on the second incarnation
    net.at(1, () => net.sim.crash("b"));
    net.at(2, () => net.sim.restart("b"));
    net.send("a", "b", 2, 3); // addressed to the new incarnation: delivered
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["b", 2, ms(8)]]);
    expect(net.drops("nodeDown")).toEqual([["b", 1, ms(5)]]);
  });

  it("messages a node sent before it crashed are still delivered (they were already on the wire)", () => {
    const net = buildNet();
    net.send("a", "b", 1);
    net.at(1, () => net.sim.crash("a", "power-loss"));
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["b", 1, ms(5)]]);
  });

  it("a killed process's peers hear its connections close one latency later; a power loss is silent", () => {
    const net = buildNet();
    net.at(1, () => net.sim.crash("a", "kill"));
    net.at(1, () => net.sim.crash("b", "power-loss"));
    net.sim.runUntil(ms(100));
    const notices = net.received
      .filter((r) => r.type === "ConnectionClosed")
      .map((r) => [r.to, r.from, r.atUs]);
    expect(notices).toEqual([["c", "a", ms(6)]]);
  });

  it("the reset a dead receiver's host answers with goes to the sender's connection, not its next incarnation", () => {
    const net = buildNet();
    net.at(0, () => net.sim.crash("b", "kill"));
    net.send("a", "b", 1, 1); // lands at 6 ms on b's dead process: b's host answers with a reset
    net.at(2, () => net.sim.crash("a", "power-loss"));
    net.at(3, () => net.sim.restart("a"));
    net.sim.runUntil(ms(100));
    const noticesToA = net.received.filter((r) => r.to === "a" && r.type === "ConnectionClosed");
    expect(noticesToA).toEqual([]);
  });

  it("a crashed node's timers never fire, not even after it restarts", () => {
    const net = buildNet();
    const first = net.node("b");
    first.timer("old", 5);
    net.at(1, () => net.sim.crash("b"));
    net.at(2, () => {
      net.sim.restart("b");
      net.node("b").timer("new", 5);
    });
    net.sim.runUntil(ms(100));
    expect(first.firedTimers).toEqual([]);
    expect(net.node("b").firedTimers).toEqual([{ label: "new", atUs: ms(7) }]);
  });
});

describe("restart: a fresh instance over the same disk", () => {
  it("builds a new node from the factory at every start; the disk object and its contents survive", () => {
    const net = buildNet();
    const disk = net.disks.get("b")!;
    const first = net.node("b");
    expect(first.ctx.disk).toBe(disk);
    first.ctx.disk.writes.push("before the crash");
    net.at(1, () => net.sim.crash("b", "kill"));
    net.at(2, () => net.sim.restart("b"));
    net.sim.runUntil(ms(10));
    const incarnations = net.built.get("b")!;
    expect(incarnations.map((node) => node.incarnation)).toEqual([1, 2]);
    const second = net.node("b");
    expect(second).not.toBe(first);
    expect(second).toBe(incarnations[1]);
    expect(second.ctx.disk).toBe(disk);
    expect(second.ctx.disk.writes).toEqual(["before the crash"]);
    expect(disk.powerLossesUs).toEqual([]); // a kill keeps the page cache
  });

  it("a power loss tells the disk when it happened; a kill does not", () => {
    const net = buildNet();
    net.at(3, () => net.sim.crash("a", "power-loss"));
    net.at(4, () => net.sim.crash("b", "kill"));
    net.sim.runUntil(ms(10));
    expect(net.disks.get("a")!.powerLossesUs).toEqual([ms(3)]);
    expect(net.disks.get("b")!.powerLossesUs).toEqual([]);
  });

  it("a machine whose process was killed can still lose power: its page cache goes then", () => {
    const net = buildNet();
    net.at(1, () => net.sim.crash("a", "kill"));
    net.at(2, () => net.sim.crash("a", "power-loss"));
    net.at(3, () => net.sim.crash("a", "power-loss")); // already off: nothing more to lose
    net.at(4, () => net.sim.restart("a"));
    net.sim.runUntil(ms(100));
    expect(net.disks.get("a")!.powerLossesUs).toEqual([ms(2)]);
    expect(net.built.get("a")!.length).toBe(2);
  });

  it("start, crash and restart are idempotent where they should be", () => {
    const net = buildNet();
    net.sim.start("a"); // already up: no new incarnation
    net.sim.crash("b");
    net.sim.crash("b"); // already down
    net.sim.restart("b");
    expect(net.built.get("a")!.length).toBe(1);
    expect(net.built.get("b")!.length).toBe(2);
    expect(net.sim.isUp("b")).toBe(true);
    expect(net.sim.isCrashed("b")).toBe(false);
  });
});

describe("pause: stop-the-world", () => {
  it("messages to a paused node wait and are delivered at resume, in arrival order", () => {
    const net = buildNet();
    net.at(1, () => net.sim.pause("b"));
    net.send("a", "b", 1, 0); // lands at 5 ms
    net.send("c", "b", 2, 2); // lands at 7 ms
    net.send("a", "b", 3, 3); // lands at 8 ms
    net.send("a", "c", 4, 3); // c is not paused
    net.at(20, () => net.sim.resume("b"));
    net.send("a", "b", 5, 20); // after the resume: normal latency
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([
      ["c", 4, ms(8)],
      ["b", 1, ms(20)],
      ["b", 2, ms(20)],
      ["b", 3, ms(20)],
      ["b", 5, ms(25)],
    ]);
    expect(net.sim.isPaused("b")).toBe(false);
  });

  it("a paused node's timers fire late, at resume; timers due after the resume fire on time", () => {
    const net = buildNet();
    const b = net.node("b");
    b.timer("due-while-paused", 3);
    b.timer("also-due-while-paused", 6);
    b.timer("due-after-resume", 12);
    net.at(1, () => net.sim.pause("b"));
    net.at(8, () => net.sim.resume("b"));
    net.sim.runUntil(ms(100));
    expect(b.firedTimers).toEqual([
      { label: "due-while-paused", atUs: ms(8) },
      { label: "also-due-while-paused", atUs: ms(8) },
      { label: "due-after-resume", atUs: ms(12) },
    ]);
  });

  it("a message that landed before a partition is read at resume: the partition cannot take it back", () => {
    const net = buildNet();
    net.at(1, () => net.sim.pause("b"));
    net.send("a", "b", 1, 0); // lands at 5 ms
    net.at(6, () => net.sim.network.partition([[net.index("a")], [net.index("b")]]));
    net.send("a", "b", 2, 2); // reaches the cut at 7 ms: kept until the heal
    net.at(10, () => net.sim.resume("b"));
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["b", 1, ms(10)]]);
    expect(net.heldByPartition()).toEqual([["b", 2, ms(7)]]);
  });

  it("a paused node that crashes never reads its backlog, and its timers never fire", () => {
    const net = buildNet();
    const b = net.node("b");
    b.timer("never", 3);
    net.at(1, () => net.sim.pause("b"));
    net.send("a", "b", 1, 0);
    net.at(10, () => net.sim.crash("b"));
    net.at(11, () => net.sim.restart("b"));
    net.at(12, () => net.sim.resume("b")); // nothing paused any more: no effect
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([]);
    expect(b.firedTimers).toEqual([]);
    expect(net.drops("nodeDown")).toEqual([["b", 1, ms(10)]]);
  });

  it("pausing a node that is down, or resuming one that is not paused, does nothing", () => {
    const net = buildNet();
    net.sim.crash("c");
    net.sim.pause("c");
    expect(net.sim.isPaused("c")).toBe(false);
    net.sim.resume("a");
    net.send("b", "a", 1);
    net.sim.runUntil(ms(100));
    expect(net.arrivals()).toEqual([["a", 1, ms(5)]]);
  });
});
