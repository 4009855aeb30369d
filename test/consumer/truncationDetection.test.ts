/**
 * KIP-320: after a leader change a consumer validates its position with the new leader before it
 * fetches on. After an unclean election the new leader's log diverges below the position; the
 * consumer moves back to the first offset known to diverge instead of fetching on past records
 * it never saw there.
 */
import { describe, expect, it } from "vitest";
import { partitionForGroup } from "../../src/broker/groupPartitioner";
import type { Cluster } from "../../src/cluster/cluster";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { addScriptedClient } from "../support/scriptedClient";
import { runFor, startCluster, values } from "../support/clusterFixture";
import { addConsumerGroup, History } from "./consumerFixture";

const OFFSETS_PARTITIONS = 3;

/** A group whose coordinator is on `broker`, so killing the others leaves the group alone. */
function groupCoordinatedBy(cluster: Cluster, broker: string): string {
  for (let i = 0; i < 100; i++) {
    const group = `g${i}`;
    if (cluster.leaderOf(`__consumer_offsets-${partitionForGroup(group, OFFSETS_PARTITIONS)}`) === broker) return group;
  }
  throw new Error(`test: no group coordinated by ${broker}`);
}

function uncleanElectionUnderAConsumer() {
  const cluster = startCluster({
    recordTrace: true,
    withOffsetsTopic: true,
    offsetsTopicNumPartitions: OFFSETS_PARTITIONS,
    groupInitialRebalanceDelayMs: 0,
    replicaLagTimeMaxMs: 5000,
    topics: [topicSpec("orders", 1, 2, { minInsyncReplicas: 1, uncleanLeaderElectionEnable: true })],
  });
  const sim = cluster.sim;
  runFor(cluster, 1000);
  const state = cluster.controllerDisk.partitions.get("orders-0")!;
  const leader = state.leader!;
  const follower = state.replicas.find((id) => id !== leader)!;
  const third = cluster.brokerIds.find((id) => id !== leader && id !== follower)!;
  const history = new History(cluster);
  // Each record takes 3 s to process, so the consumer fetches nothing while the election runs.
  addConsumerGroup(cluster, history, {
    group: groupCoordinatedBy(cluster, third),
    instances: 1,
    strategy: "process-then-commit",
    processingMs: 3000,
    config: { autoOffsetReset: "latest", maxPollIntervalMs: 120_000 },
  });
  runFor(cluster, 1000);
  // The follower falls out of the ISR; m-0..m-4 are committed by the leader alone and consumed.
  sim.network.partition([[sim.indexOf(follower)], [sim.indexOf(leader)]]);
  const writer = addScriptedClient(sim, "writer");
  writer().produce(leader, "orders", 0, values("m", 0, 5));
  runFor(cluster, 9000);
  expect(history.polls().flatMap((poll) => poll.records.map((r) => r.value))).toEqual(values("m", 0, 5));
  // The leader dies; the stale follower is elected and takes n-0..n-7 at offsets 0..7.
  sim.crash(leader, "kill");
  sim.network.heal();
  runFor(cluster, 11_000);
  expect(cluster.leaderOf("orders-0")).toBe(follower);
  writer().produce(follower, "orders", 0, values("n", 0, 8));
  runFor(cluster, 60_000);
  return { cluster, history };
}

describe("KIP-320: a consumer validates its position after a leader change", () => {
  it("moves back to where the new leader's log diverges and reads every record there", () => {
    const { cluster, history } = uncleanElectionUnderAConsumer();
    const truncations = cluster.sim.trace.events.filter((e) => e.kind === "consumer-log-truncation");
    expect(truncations.map((e) => e.detail)).toEqual([expect.objectContaining({ partition: "orders-0", offset: 0 })]);
    expect(history.resumes().map((r) => r.offset)).toContain(0);
    const read = history.polls().flatMap((poll) => poll.records.map((r) => r.value));
    // Without validation the fetch at offset 5 would have returned n-5.. and skipped n-0..n-4.
    expect(read).toEqual([...values("m", 0, 5), ...values("n", 0, 8)]);
  });
});
