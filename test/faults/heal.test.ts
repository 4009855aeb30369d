/**
 * The heal phase undoes every fault so the drain can demand convergence; the base network's loss
 * and duplication stop there too.
 */
import { describe, expect, it } from "vitest";
import { scheduleFaults } from "../../src/faults/faultRunner";
import { buildNet, ms } from "../network/netHarness";

const HEAL_AT_MS = 1000;

describe("the heal", () => {
  it("stops the base network's loss and duplication, and keeps its latency", () => {
    const net = buildNet({ link: { loss: 1, duplicate: 0 } });
    scheduleFaults(net.sim, [], HEAL_AT_MS);
    net.send("a", "b", 1, 10); // chaos: the base network loses everything
    net.send("a", "b", 2, 1001); // healed
    net.sim.runUntil(ms(2000));
    expect(net.drops("loss")).toEqual([["b", 1, ms(10)]]);
    expect(net.arrivals()).toEqual([["b", 2, ms(1006)]]);
  });

  it("stops duplication too", () => {
    const net = buildNet({ link: { duplicate: 1 } });
    scheduleFaults(net.sim, [], HEAL_AT_MS);
    net.send("a", "b", 1, 10);
    net.send("a", "b", 2, 1001);
    net.sim.runUntil(ms(2000));
    expect(net.arrivals()).toEqual([
      ["b", 1, ms(15)],
      ["b", 1, ms(15)],
      ["b", 2, ms(1006)],
    ]);
  });
});
