/**
 * Under any mix of sends and faults, the network accounts for every message, never delivers one
 * more than twice (original and duplicate), never runs the clock backwards, and does it all the
 * same way twice from the same seed.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { droppedTotal } from "../../src/network/stats";
import { buildNet, ms, type Net } from "./netHarness";

const NODES = ["a", "b", "c"] as const;
const node = fc.constantFrom(...NODES);

type Step =
  | { atMs: number; kind: "send"; from: string; to: string }
  | { atMs: number; kind: "partition"; alone: string }
  | { atMs: number; kind: "oneWay" | "hold" | "release" | "slowLink"; from: string; to: string }
  | { atMs: number; kind: "isolate" | "restart" | "pause" | "resume"; node: string }
  | { atMs: number; kind: "crash"; node: string; powerLoss: boolean }
  | { atMs: number; kind: "heal" | "clearLinks" };

const atMs = fc.integer({ min: 0, max: 60 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ atMs, kind: fc.constant("send" as const), from: node, to: node }) },
  fc.record({ atMs, kind: fc.constant("partition" as const), alone: node }),
  fc.record({
    atMs,
    kind: fc.constantFrom("oneWay" as const, "hold" as const, "release" as const, "slowLink" as const),
    from: node,
    to: node,
  }),
  fc.record({
    atMs,
    kind: fc.constantFrom("isolate" as const, "restart" as const, "pause" as const, "resume" as const),
    node,
  }),
  fc.record({ atMs, kind: fc.constant("crash" as const), node, powerLoss: fc.boolean() }),
  fc.record({ atMs, kind: fc.constantFrom("heal" as const, "clearLinks" as const) }),
);

function apply(net: Net, s: Step, id: number): void {
  const network = net.sim.network;
  switch (s.kind) {
    case "send":
      if (s.from !== s.to && net.sim.isUp(s.from)) net.node(s.from).send(s.to, id);
      return;
    case "partition":
      network.partition([[net.index(s.alone)], NODES.filter((other) => other !== s.alone).map(net.index)]);
      return;
    case "oneWay":
      if (s.from !== s.to) network.partitionOneWay(net.index(s.from), net.index(s.to));
      return;
    case "hold":
      network.hold(net.index(s.from), net.index(s.to));
      return;
    case "release":
      network.release(net.index(s.from), net.index(s.to));
      return;
    case "slowLink":
      network.setLink(net.index(s.from), net.index(s.to), { latencyMinMs: 20, latencyMaxMs: 40, loss: 0.5 });
      return;
    case "isolate":
      network.isolate(net.index(s.node));
      return;
    case "restart":
      net.sim.restart(s.node);
      return;
    case "pause":
      net.sim.pause(s.node);
      return;
    case "resume":
      net.sim.resume(s.node);
      return;
    case "crash":
      net.sim.crash(s.node, s.powerLoss ? "power-loss" : "kill");
      return;
    case "heal":
      network.heal();
      return;
    case "clearLinks":
      network.clearLinks();
  }
}

/** Runs the script, then heals everything and lets the network drain to quiescence. */
function runScript(seed: string, steps: readonly Step[]): Net {
  const net = buildNet({ seed, link: { latencyMinMs: 1, latencyMaxMs: 10, loss: 0.1, duplicate: 0.1 } });
  steps.forEach((s, id) => net.at(s.atMs, () => apply(net, s, id)));
  net.at(100, () => {
    net.sim.network.heal();
    net.sim.network.clearLinks();
    net.sim.network.releaseAll();
    for (const id of NODES) {
      net.sim.resume(id);
      net.sim.restart(id);
    }
  });
  const outcome = net.sim.run({ eventsMax: 100_000, timeMaxUs: ms(10_000) });
  expect(outcome.status).toBe("quiescent");
  return net;
}

it("every message is delivered or dropped, at most twice, in time order, deterministically", () => {
  const scripts = fc.array(step, { minLength: 10, maxLength: 40 });
  fc.assert(
    fc.property(fc.string({ maxLength: 8 }), scripts, (seed, steps) => {
      const net = runScript(seed, steps);
      const stats = net.sim.network.stats;
      expect(stats.sent + stats.duplicated).toBe(stats.delivered + droppedTotal(stats));
      const deliveries = new Map<number, number>();
      for (const [, id] of net.arrivals()) deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      for (const count of deliveries.values()) expect(count).toBeLessThanOrEqual(2);
      const times = net.sim.trace.events.map((event) => event.timeUs);
      expect(times).toEqual([...times].sort((x, y) => x - y));

      const again = runScript(seed, steps);
      expect(again.received).toEqual(net.received);
      expect(again.sim.trace.fingerprint()).toBe(net.sim.trace.fingerprint());
    }),
    { numRuns: 200 },
  );
});
