/**
 * Faults with a duration may overlap on one target — the generator draws them independently. Each
 * must last as long as the schedule (and the report's fault bands) say.
 */
import { describe, expect, it } from "vitest";
import { scheduleFaults } from "../../src/faults/faultRunner";
import type { FaultSpec } from "../../src/scenario/faultSpec";
import { buildNet, ms } from "../network/netHarness";

const HEAL_AT_MS = 1000;

/** Whether node a is paused at each of the given times, under the schedule. */
function pausedAt(faults: readonly FaultSpec[], timesMs: readonly number[]): boolean[] {
  const net = buildNet();
  scheduleFaults(net.sim, faults, HEAL_AT_MS);
  return timesMs.map((timeMs) => {
    net.sim.runUntil(ms(timeMs));
    return net.sim.isPaused("a");
  });
}

describe("two pauses of one node", () => {
  it("keep it paused until the later one ends", () => {
    const faults: FaultSpec[] = [
      { kind: "pause", at: 10, node: "a", durationMs: 100 },
      { kind: "pause", at: 50, node: "a", durationMs: 200 },
    ];
    expect(pausedAt(faults, [150, 250])).toEqual([true, false]);
  });

  it("a pause cut short by a crash does not end a later pause of the restarted node", () => {
    const faults: FaultSpec[] = [
      { kind: "pause", at: 10, node: "a", durationMs: 100 },
      { kind: "crash", at: 20, node: "a", mode: "kill" },
      { kind: "restart", at: 30, node: "a" },
      { kind: "pause", at: 40, node: "a", durationMs: 200 },
    ];
    expect(pausedAt(faults, [150, 240])).toEqual([true, false]);
  });
});

describe("two link faults on one link", () => {
  it("when the first ends, the link keeps the second's change until the second ends", () => {
    const net = buildNet();
    const faults: FaultSpec[] = [
      { kind: "link", at: 10, from: "a", to: "b", loss: 1, durationMs: 100 },
      { kind: "link", at: 50, from: "a", to: "b", latencyMs: { min: 40, max: 40 }, durationMs: 200 },
    ];
    scheduleFaults(net.sim, faults, HEAL_AT_MS);
    net.send("a", "b", 1, 60); // both in force: lost
    net.send("a", "b", 2, 150); // only the second: 40 ms
    net.send("a", "b", 3, 260); // neither: the default 5 ms
    net.sim.runUntil(ms(400));
    expect(net.arrivals()).toEqual([
      ["b", 2, ms(190)],
      ["b", 3, ms(265)],
    ]);
    expect(net.drops("loss")).toEqual([["b", 1, ms(60)]]);
  });

  it("a link fault still in force at the heal is undone there and stays undone", () => {
    const net = buildNet();
    const faults: FaultSpec[] = [
      { kind: "link", at: 10, from: "a", to: "b", loss: 1, durationMs: 900 },
      { kind: "link", at: 20, from: "a", to: "b", latencyMs: { min: 40, max: 40 }, durationMs: 100 },
      { kind: "link", at: 900, from: "a", to: "b", latencyMs: { min: 40, max: 40 }, durationMs: 500 },
    ];
    scheduleFaults(net.sim, faults, HEAL_AT_MS);
    net.send("a", "b", 1, 1001); // healed
    net.send("a", "b", 2, 1500); // after every fault's own end
    net.sim.runUntil(ms(2000));
    expect(net.arrivals()).toEqual([
      ["b", 1, ms(1006)],
      ["b", 2, ms(1505)],
    ]);
  });
});
