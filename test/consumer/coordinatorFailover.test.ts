import { describe, expect, it } from "vitest";
import { partitionForGroup } from "../../src/broker/groupPartitioner";
import { LostCommitChecker } from "../../src/checkers/lostCommit";
import { OFFSETS_TOPIC } from "../../src/cluster/clusterSpec";
import { runFor } from "../support/clusterFixture";
import { addConsumerGroup, History, produceEverywhere, startGroupCluster } from "./consumerFixture";

const OFFSETS_PARTITIONS = 3;

describe("group coordinator failover", () => {
  it("keeps committed offsets and generations: a later owner resumes where the group committed", () => {
    const cluster = startGroupCluster(2, {
      groupInitialRebalanceDelayMs: 3000,
      offsetsTopicNumPartitions: OFFSETS_PARTITIONS,
    });
    runFor(cluster, 1000);
    produceEverywhere(cluster, 2, 20, "a");
    const history = new History(cluster);
    const { nodeIds } = addConsumerGroup(cluster, history, {
      group: "billing",
      instances: 2,
      strategy: "process-then-commit",
      config: { requestTimeoutMs: 5000 },
    });
    runFor(cluster, 10_000);
    expect(history.processCounts().size).toBe(40);
    const generationBefore = Math.max(...history.assigns().map((op) => op.generation));

    const offsetsPartition = `${OFFSETS_TOPIC}-${partitionForGroup("billing", OFFSETS_PARTITIONS)}`;
    const oldCoordinator = cluster.leaderOf(offsetsPartition)!;
    cluster.sim.crash(oldCoordinator);
    runFor(cluster, 20_000); // the controller fences it; members find the new coordinator
    const newCoordinator = cluster.leaderOf(offsetsPartition)!;
    expect(newCoordinator).not.toBe(oldCoordinator);
    produceEverywhere(cluster, 2, 10, "b");
    runFor(cluster, 10_000);

    // One member goes: the other takes its partition over from the committed offset.
    const leaving = nodeIds[0]!;
    const owned = history
      .assigns()
      .filter((op) => op.client === leaving)
      .at(-1)!.partitions;
    cluster.sim.crash(leaving);
    runFor(cluster, 15_000);
    produceEverywhere(cluster, 2, 10, "c");
    runFor(cluster, 10_000);

    const takeover = history
      .assigns()
      .filter((op) => op.generation > generationBefore && op.client !== leaving)
      .at(-1)!;
    expect(takeover.partitions).toEqual(expect.arrayContaining([...owned]));
    for (const tp of owned) {
      const resume = history
        .resumes()
        .find((op) => op.generation === takeover.generation && op.partition === tp.partition)!;
      expect(resume).toMatchObject({ client: takeover.client, offset: 30, committed: 30 });
    }
    const checker = new LostCommitChecker();
    for (const op of history.ops) checker.observe(op);
    expect(checker.finish({ groups: [], drainComplete: new Set(), truncations: [] })).toEqual([]);
    const counts = history.processCounts();
    expect(counts.size).toBe(80);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });
});
