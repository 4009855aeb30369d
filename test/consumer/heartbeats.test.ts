import { describe, expect, it } from "vitest";
import { partitionForGroup } from "../../src/broker/groupPartitioner";
import { OFFSETS_TOPIC } from "../../src/cluster/clusterSpec";
import { runFor } from "../support/clusterFixture";
import { addConsumerGroup, History, startGroupCluster } from "./consumerFixture";

const OFFSETS_PARTITIONS = 3;

describe("the heartbeat thread", () => {
  // Kafka's HeartbeatThread sends a heartbeat every heartbeat.interval.ms after the last one was
  // sent, whether or not that one was answered: one lost heartbeat must not cost the membership.
  it("keeps heartbeating past a lost heartbeat, so the member stays in the group", () => {
    const cluster = startGroupCluster(2, { offsetsTopicNumPartitions: OFFSETS_PARTITIONS });
    runFor(cluster, 1000);
    const history = new History(cluster);
    const { nodeIds } = addConsumerGroup(cluster, history, {
      group: "billing",
      instances: 1,
      strategy: "process-then-commit",
    });
    runFor(cluster, 5000);
    expect(history.assigns()).toHaveLength(1);

    const sim = cluster.sim;
    const removals: string[] = [];
    sim.trace.watch(["group-member-removed"], (event) => removals.push(JSON.stringify(event.detail)));
    const coordinator = cluster.leaderOf(
      `${OFFSETS_TOPIC}-${partitionForGroup("billing", OFFSETS_PARTITIONS)}`,
    )!;
    // 1.5 s of heartbeat.interval.ms 1000 ms: one heartbeat (maybe two) is lost on its way.
    sim.network.partitionOneWay(sim.indexOf(nodeIds[0]!), sim.indexOf(coordinator));
    runFor(cluster, 1500);
    sim.network.heal();
    runFor(cluster, 40_000); // session.timeout.ms is 6000, request.timeout.ms 30000

    expect(removals).toEqual([]);
    expect(history.revokes()).toEqual([]);
    expect(history.assigns()).toHaveLength(1);
  });
});
