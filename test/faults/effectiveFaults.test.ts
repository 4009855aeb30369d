import { describe, expect, it } from "vitest";
import { effectiveFaults } from "../../src/faults/effectiveFaults";
import type { FaultSpec } from "../../src/scenario/faultSpec";

const kill = (at: number, node = "broker-0"): FaultSpec => ({ kind: "crash", at, node, mode: "kill" });
const powerLoss = (at: number, node = "broker-0"): FaultSpec => ({ kind: "crash", at, node, mode: "power-loss" });
const restart = (at: number, node = "broker-0"): FaultSpec => ({ kind: "restart", at, node });

describe("effectiveFaults", () => {
  it("leaves out what strikes nothing: a restart of a node that is up, a second kill, a second power loss", () => {
    const schedule = [restart(1), kill(2), kill(3), powerLoss(4), powerLoss(5), restart(6), restart(7), kill(8, "broker-1")];
    expect(effectiveFaults(schedule)).toEqual([kill(2), powerLoss(4), restart(6), kill(8, "broker-1")]);
  });

  it("keeps every other kind of fault as it is", () => {
    const schedule: FaultSpec[] = [
      { kind: "pause", at: 1, node: "broker-0", durationMs: 100 },
      { kind: "heal", at: 2 },
      { kind: "partition-oneway", at: 3, from: "broker-0", to: "broker-1" },
    ];
    expect(effectiveFaults(schedule)).toEqual(schedule);
  });
});
