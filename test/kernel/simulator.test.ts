import { describe, expect, it } from "vitest";
import type { Message, NodeContext, SimNode, TimerHandle } from "../../src/kernel/node";
import { Simulator } from "../../src/kernel/simulator";
import { msToMicros } from "../../src/kernel/time";

const FIXED_LINK = { latencyMinMs: 1, latencyMaxMs: 1, loss: 0, duplicate: 0 };

/** A node whose behaviour the test scripts through `onStart` and `onReceive`. */
class Scripted implements SimNode {
  constructor(
    readonly ctx: NodeContext,
    private readonly onStart: (node: Scripted) => void = () => {},
    private readonly onReceive: (node: Scripted, from: string, message: Message) => void = () => {},
  ) {}

  start(): void {
    this.onStart(this);
  }

  onMessage(from: string, message: Message): void {
    this.onReceive(this, from, message);
  }
}

function simulator(seed = "sim-test"): Simulator {
  return new Simulator({ seed, network: { link: FIXED_LINK, fifo: false }, trace: { record: true } });
}

describe("Simulator: time and ordering", () => {
  it("runs timers at exactly their due time, equal times in the order they were set", () => {
    const sim = simulator();
    const fired: [string, number][] = [];
    sim.addNode(
      "n",
      (ctx) =>
        new Scripted(ctx, (node) => {
          for (const [label, delayMs] of [
            ["late", 3],
            ["first", 1],
            ["second", 1],
            ["zero", 0],
          ] as const) {
            node.ctx.setTimer(delayMs, () => fired.push([label, node.ctx.now()]));
          }
        }),
    );
    sim.start("n");
    const outcome = sim.run({ eventsMax: 100, timeMaxUs: msToMicros(100) });
    expect(fired).toEqual([
      ["zero", 0],
      ["first", 1000],
      ["second", 1000],
      ["late", 3000],
    ]);
    expect(outcome).toMatchObject({ status: "quiescent", timeUs: 3000, events: 4 });
  });

  it("rounds fractional milliseconds to whole microseconds and treats negative delays as zero", () => {
    const sim = simulator();
    const fired: number[] = [];
    sim.addNode(
      "n",
      (ctx) =>
        new Scripted(ctx, (node) => {
          node.ctx.setTimer(0.0015, () => fired.push(node.ctx.now()));
          node.ctx.setTimer(-5, () => fired.push(node.ctx.now()));
          node.ctx.setTimer(2.5, () => fired.push(node.ctx.nowMs()));
        }),
    );
    sim.start("n");
    sim.run({ eventsMax: 100, timeMaxUs: msToMicros(100) });
    expect(fired).toEqual([0, 2, 2.5]);
  });

  it("a cancelled timer never fires; cancelling one that already fired is harmless", () => {
    const sim = simulator();
    const fired: string[] = [];
    let early: TimerHandle | undefined;
    sim.addNode(
      "n",
      (ctx) =>
        new Scripted(ctx, (node) => {
          early = node.ctx.setTimer(1, () => fired.push("early"));
          const doomed = node.ctx.setTimer(5, () => fired.push("doomed"));
          node.ctx.setTimer(2, () => {
            node.ctx.cancelTimer(early); // already fired
            node.ctx.cancelTimer(doomed);
            node.ctx.cancelTimer(undefined);
          });
          node.ctx.setTimer(10, () => fired.push("last"));
        }),
    );
    sim.start("n");
    sim.run({ eventsMax: 100, timeMaxUs: msToMicros(100) });
    expect(fired).toEqual(["early", "last"]);
  });

  it("harness actions run at their time, interleaved with node events in (time, insertion) order", () => {
    const sim = simulator();
    const log: string[] = [];
    sim.addNode("n", (ctx) => new Scripted(ctx, (node) => node.ctx.setTimer(2, () => log.push("timer@2"))));
    sim.start("n");
    sim.at(msToMicros(2), () => log.push("action@2"));
    sim.at(msToMicros(1), () => {
      log.push("action@1");
      sim.after(1, () => log.push("after@2"));
    });
    sim.run({ eventsMax: 100, timeMaxUs: msToMicros(100) });
    expect(log).toEqual(["action@1", "timer@2", "action@2", "after@2"]);
  });

  it("an action scheduled in the past runs now, not back in time", () => {
    const sim = simulator();
    const times: number[] = [];
    sim.at(msToMicros(5), () => sim.at(msToMicros(1), () => times.push(sim.nowUs())));
    sim.run({ eventsMax: 100, timeMaxUs: msToMicros(100) });
    expect(times).toEqual([msToMicros(5)]);
  });
});

describe("Simulator: bounds and stopping", () => {
  function ticker(sim: Simulator): void {
    sim.addNode("ticker", (ctx) => {
      const tick = (): void => {
        ctx.setTimer(1, tick);
      };
      return new Scripted(ctx, () => tick());
    });
    sim.start("ticker");
  }

  it("stops at the event bound and says so", () => {
    const sim = simulator();
    ticker(sim);
    const outcome = sim.run({ eventsMax: 10, timeMaxUs: msToMicros(1000) });
    expect(outcome).toMatchObject({ status: "events-bound", events: 10, timeUs: msToMicros(10) });
    expect(outcome.reason).toMatch(/eventsMax=10/);
  });

  it("stops at the time bound with the clock at the bound, and carries on from there", () => {
    const sim = simulator();
    ticker(sim);
    const first = sim.run({ eventsMax: 1000, timeMaxUs: msToMicros(4.5) });
    expect(first).toMatchObject({ status: "time-bound", events: 4, timeUs: msToMicros(4.5) });
    expect(first.reason).toMatch(/timeMaxMs=4.5/);
    const second = sim.run({ eventsMax: 1000, timeMaxUs: msToMicros(6) });
    expect(second).toMatchObject({ status: "time-bound", events: 6, timeUs: msToMicros(6) });
  });

  it("never moves the clock backwards when asked to run to an earlier time", () => {
    const sim = simulator();
    ticker(sim);
    sim.runUntil(msToMicros(5.5));
    const outcome = sim.runUntil(msToMicros(2));
    expect(outcome.timeUs).toBe(msToMicros(5.5));
    expect(sim.nowUs()).toBe(msToMicros(5.5));
  });

  it("runUntil moves an idle clock to the requested time", () => {
    const sim = simulator();
    expect(sim.runUntil(msToMicros(7)).status).toBe("quiescent");
    expect(sim.nowUs()).toBe(msToMicros(7));
  });

  it("stop ends the run after the current event, keeping the first reason", () => {
    const sim = simulator();
    ticker(sim);
    sim.at(msToMicros(3), () => {
      sim.stop("found it");
      sim.stop("second reason");
    });
    const outcome = sim.run({ eventsMax: 1000, timeMaxUs: msToMicros(1000) });
    expect(outcome).toMatchObject({ status: "stopped", reason: "found it", timeUs: msToMicros(3) });
  });
});

describe("Simulator: nodes", () => {
  it("rejects a duplicate id and names unknown ones", () => {
    const sim = simulator();
    sim.addNode("a", (ctx) => new Scripted(ctx));
    expect(() => sim.addNode("a", (ctx) => new Scripted(ctx))).toThrow(/duplicate node id "a"/);
    expect(() => sim.start("zz")).toThrow(/unknown node "zz" \(nodes are a\)/);
  });

  it("gives each node its own rng stream, the same in every run", () => {
    const firstDraws = (seed: string): number[] => {
      const sim = simulator(seed);
      const seen: number[] = [];
      for (const id of ["a", "b"])
        sim.addNode(id, (ctx) => new Scripted(ctx, (node) => seen.push(node.ctx.rng.float())));
      sim.start("a");
      sim.start("b");
      return seen;
    };
    const [a, b] = firstDraws("x");
    expect(a).not.toBe(b);
    expect(firstDraws("x")).toEqual([a, b]);
  });

  it("a node sees the sender's id and its own id, and the message object as sent", () => {
    const sim = simulator();
    const got: unknown[] = [];
    const hello = { type: "hello", body: 42 };
    sim.addNode("a", (ctx) => new Scripted(ctx, (node) => node.ctx.send("b", hello)));
    sim.addNode(
      "b",
      (ctx) => new Scripted(ctx, undefined, (node, from, message) => got.push([node.ctx.id, from, message])),
    );
    sim.start("b");
    sim.start("a");
    sim.run({ eventsMax: 100, timeMaxUs: msToMicros(100) });
    expect(got).toEqual([["b", "a", hello]]);
    expect((got[0] as unknown[])[2]).toBe(hello);
  });

  it("a message to a node that has not started yet is dropped, like one to a crashed node", () => {
    const sim = simulator();
    const got: string[] = [];
    sim.addNode("a", (ctx) => new Scripted(ctx, (node) => node.ctx.send("b", { type: "early" })));
    sim.addNode(
      "b",
      (ctx) => new Scripted(ctx, undefined, (_node, _from, message) => got.push(message.type)),
    );
    sim.start("a"); // sends before b is started
    sim.start("b");
    sim.run({ eventsMax: 100, timeMaxUs: msToMicros(100) });
    expect(got).not.toContain("early");
    expect(sim.network.stats.dropped.nodeDown).toBeGreaterThanOrEqual(1);
  });
});
