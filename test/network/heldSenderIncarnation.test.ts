/**
 * What a partition (or a hold) kept crosses after the heal as traffic of the process that sent it:
 * its receiver learns which incarnation sent it, and a reset it draws goes back to that
 * incarnation only (a restarted sender never hears of a connection it never had).
 */
import { describe, expect, it } from "vitest";
import type { Message, NodeContext, SimNode } from "../../src/kernel/node";
import { Simulator } from "../../src/kernel/simulator";
import { msToMicros } from "../../src/kernel/time";

interface Heard {
  readonly atMs: number;
  /** Receiver id and the number of the process (1, 2, …) that heard it. */
  readonly to: string;
  readonly from: string;
  readonly fromIncarnation: number;
  readonly type: string;
}

function world(): { sim: Simulator; heard: Heard[]; send: (from: string, to: string, atMs: number) => void } {
  const sim = new Simulator({
    seed: "held-sender",
    network: { link: { latencyMinMs: 5, latencyMaxMs: 5, loss: 0, duplicate: 0 }, fifo: true },
  });
  const heard: Heard[] = [];
  const processes = new Map<string, number>();
  const nodes = new Map<string, NodeContext<unknown>>();
  for (const id of ["a", "b"]) {
    sim.addNode(id, (ctx: NodeContext<unknown>): SimNode => {
      const process = (processes.get(id) ?? 0) + 1;
      processes.set(id, process);
      nodes.set(id, ctx);
      return {
        start() {},
        onMessage(from: string, message: Message, fromIncarnation: number) {
          heard.push({ atMs: ctx.nowMs(), to: `${id}#${process}`, from, fromIncarnation, type: message.type });
        },
      };
    });
    sim.start(id);
  }
  const send = (from: string, to: string, atMs: number): void =>
    sim.at(msToMicros(atMs), () => nodes.get(from)!.send(to, { type: "msg" }));
  return { sim, heard, send };
}

describe("network: a kept message belongs to the process that sent it", () => {
  it("a killed sender's kept message reaches its receiver as its old incarnation's, not the new one's", () => {
    const { sim, heard, send } = world();
    sim.at(0, () => sim.network.partition([[0], [1]]));
    send("a", "b", 1); // a's first process (incarnation 1)
    sim.at(msToMicros(2), () => sim.crash("a", "kill"));
    sim.at(msToMicros(3), () => sim.restart("a")); // incarnation 3
    sim.at(msToMicros(10), () => sim.network.heal());
    sim.runUntil(msToMicros(100));
    expect(heard.filter((h) => h.type === "msg")).toEqual([{ atMs: 15, to: "b#1", from: "a", fromIncarnation: 1, type: "msg" }]);
  });

  it("the reset a kept message draws from a restarted receiver goes to the process that sent it, not its successor", () => {
    const { sim, heard, send } = world();
    sim.at(0, () => sim.network.partition([[0], [1]]));
    send("a", "b", 1);
    sim.at(msToMicros(2), () => sim.crash("a", "kill"));
    sim.at(msToMicros(3), () => sim.restart("a"));
    sim.at(msToMicros(4), () => sim.crash("b", "kill"));
    sim.at(msToMicros(5), () => sim.restart("b"));
    sim.at(msToMicros(10), () => sim.network.heal());
    sim.runUntil(msToMicros(100));
    // a's second process hears b's kill notice (b's first process was connected to it when killed), but no
    // reset for message 1: that one was meant for a's first process, which is gone.
    expect(heard.filter((h) => h.to.startsWith("a")).map((h) => [h.atMs, h.to, h.type])).toEqual([[15, "a#2", "ConnectionClosed"]]);
  });

  it("a held link's message from a killed sender also crosses as its old incarnation's", () => {
    const { sim, heard, send } = world();
    sim.at(0, () => sim.network.hold(0, 1));
    send("a", "b", 1);
    sim.at(msToMicros(2), () => sim.crash("a", "kill"));
    sim.at(msToMicros(3), () => sim.restart("a"));
    sim.at(msToMicros(10), () => sim.network.release(0, 1));
    sim.runUntil(msToMicros(100));
    expect(heard.filter((h) => h.type === "msg").map((h) => h.fromIncarnation)).toEqual([1]);
  });
});
