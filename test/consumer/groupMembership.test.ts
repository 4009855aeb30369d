import { describe, expect, it } from "vitest";
import type { Cluster } from "../../src/cluster/cluster";
import { NOT_IN_GROUP } from "../../src/consumer/offsetCommitter";
import { msToMicros } from "../../src/kernel/time";
import { runFor } from "../support/clusterFixture";
import {
  addConsumerGroup,
  History,
  ownersByGeneration,
  produceEverywhere,
  startGroupCluster,
} from "./consumerFixture";

const PARTITIONS = 6;
const SESSION_TIMEOUT_MS = 6000;
const HEARTBEAT_INTERVAL_MS = 1000;

function startGroupOfThree(processingMs: number): { cluster: Cluster; history: History; nodeIds: string[] } {
  const cluster = startGroupCluster(PARTITIONS, { groupInitialRebalanceDelayMs: 3000 });
  runFor(cluster, 1000);
  produceEverywhere(cluster, PARTITIONS, 40);
  const history = new History(cluster);
  const { nodeIds } = addConsumerGroup(cluster, history, {
    group: "billing",
    instances: 3,
    strategy: "process-then-commit",
    processingMs,
  });
  return { cluster, history, nodeIds };
}

/** Every partition has exactly one owner in the generation (and only partitions of "orders"). */
function expectExactlyOneOwnerEach(owners: Map<string, string[]>): void {
  const expected = Array.from({ length: PARTITIONS }, (_, p) => `orders-${p}`);
  expect([...owners.keys()].sort()).toEqual(expected);
  for (const [partition, clients] of owners) expect(clients, partition).toHaveLength(1);
}

describe("a group of 3 consumers over 6 partitions", () => {
  it("gives each partition exactly one owner per generation, two partitions each", () => {
    const { cluster, history, nodeIds } = startGroupOfThree(10);
    runFor(cluster, 15_000);
    const generations = ownersByGeneration(history);
    expect(generations.size).toBeGreaterThan(0);
    for (const owners of generations.values()) expectExactlyOneOwnerEach(owners);
    const latest = [...generations.values()].at(-1)!;
    for (const nodeId of nodeIds)
      expect([...latest.values()].filter((clients) => clients[0] === nodeId)).toHaveLength(2);
    expect(history.processCounts().size).toBe(PARTITIONS * 40);
  });

  it("rebalances a crashed member's partitions to the others once its session times out", () => {
    const { cluster, history, nodeIds } = startGroupOfThree(200);
    runFor(cluster, 8000);
    const before = [...ownersByGeneration(history).keys()].at(-1)!;
    const crashed = nodeIds[1]!;
    const crashUs = cluster.sim.nowUs();
    cluster.sim.crash(crashed);
    runFor(cluster, 15_000);

    const after = history.assigns().filter((op) => op.generation > before);
    expect(after.length).toBeGreaterThan(0);
    // The coordinator last heard it at most one heartbeat interval before the crash; the others
    // learn of the rebalance by their next heartbeat and rejoin at their next poll.
    const firstUs = Math.min(...after.map((op) => op.timeUs));
    expect(firstUs).toBeGreaterThanOrEqual(crashUs + msToMicros(SESSION_TIMEOUT_MS - HEARTBEAT_INTERVAL_MS));
    expect(firstUs).toBeLessThanOrEqual(
      crashUs + msToMicros(SESSION_TIMEOUT_MS + 2 * HEARTBEAT_INTERVAL_MS + 2000),
    );
    const owners = ownersByGeneration(history).get(after[0]!.generation)!;
    expectExactlyOneOwnerEach(owners);
    expect([...owners.values()].flat()).not.toContain(crashed);
  });

  it("removes a member paused beyond max.poll.interval.ms and session.timeout.ms; its late commit fails", () => {
    const { cluster, history, nodeIds } = startGroupOfThree(200);
    const paused = nodeIds[2]!;
    runFor(cluster, 5000);
    // Pause it in the middle of a batch: right after it processed a record.
    const processedBefore = history.processed().filter((op) => op.client === paused).length;
    while (history.processed().filter((op) => op.client === paused).length === processedBefore)
      runFor(cluster, 10);
    const generationAtPause = [...ownersByGeneration(history).keys()].at(-1)!;
    cluster.sim.pause(paused);
    runFor(cluster, 15_000); // > max.poll.interval.ms (10 s) > session.timeout.ms (6 s)

    const whilePaused = ownersByGeneration(history);
    const nextGeneration = [...whilePaused.keys()].find((generation) => generation > generationAtPause)!;
    expect(nextGeneration).toBeDefined();
    expect([...whilePaused.get(nextGeneration)!.values()].flat()).not.toContain(paused);

    const resumeUs = cluster.sim.nowUs();
    cluster.sim.resume(paused);
    runFor(cluster, 10_000);
    const late = history.commits().filter((op) => op.client === paused && op.timeUs >= resumeUs);
    expect(late[0]).toMatchObject({ type: "fail", generation: -1, error: NOT_IN_GROUP });
    // Nothing it committed after the pause was accepted under its old generation.
    expect(late.filter((op) => op.type === "ok" && op.generation <= generationAtPause)).toEqual([]);
    // It rejoins as a new member, in a later generation.
    const rejoined = history.assigns().filter((op) => op.client === paused && op.timeUs >= resumeUs);
    expect(rejoined.length).toBeGreaterThan(0);
    expect(rejoined[0]!.generation).toBeGreaterThan(nextGeneration);
  });
});
