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
import { addConsumerGroup, History, type GroupOptions } from "./consumerFixture";

const OFFSETS_PARTITIONS = 3;

/** A group whose coordinator is on `broker`, so killing the others leaves the group alone. */
function groupCoordinatedBy(cluster: Cluster, broker: string): string {
  for (let i = 0; i < 100; i++) {
    const group = `g${i}`;
    if (cluster.leaderOf(`__consumer_offsets-${partitionForGroup(group, OFFSETS_PARTITIONS)}`) === broker) return group;
  }
  throw new Error(`test: no group coordinated by ${broker}`);
}

/**
 * orders-0 on two brokers with unclean election on, and one consumer (auto.offset.reset=latest) in
 * a group coordinated by the third broker. The follower is cut off, falls out of the ISR, and the
 * leader alone commits m-0..m-4 (offsets 0..4), which the consumer reads.
 */
function consumedBeforeTheElection(group: Omit<GroupOptions, "group" | "instances" | "strategy">) {
  const cluster = startCluster({
    recordTrace: true,
    withOffsetsTopic: true,
    offsetsTopicNumPartitions: OFFSETS_PARTITIONS,
    groupInitialRebalanceDelayMs: 0,
    replicaLagTimeMaxMs: 5000,
    // The follower gives up on its fetch after 2 s, so the leader's answer holding m-0.. (which
    // the cut keeps, as TCP would, not loses) reaches a connection it has closed.
    replicaSocketTimeoutMs: 2000,
    topics: [topicSpec("orders", 1, 2, { minInsyncReplicas: 1, uncleanLeaderElectionEnable: true })],
  });
  const sim = cluster.sim;
  runFor(cluster, 1000);
  const state = cluster.controllerDisk.partitions.get("orders-0")!;
  const leader = state.leader!;
  const follower = state.replicas.find((id) => id !== leader)!;
  const third = cluster.brokerIds.find((id) => id !== leader && id !== follower)!;
  const history = new History(cluster);
  const { nodeIds } = addConsumerGroup(cluster, history, {
    ...group,
    group: groupCoordinatedBy(cluster, third),
    instances: 1,
    strategy: "process-then-commit",
    config: { autoOffsetReset: "latest", ...group.config },
  });
  runFor(cluster, 1000);
  sim.network.partition([[sim.indexOf(follower)], [sim.indexOf(leader)]]);
  const writer = addScriptedClient(sim, "writer");
  writer().produce(leader, "orders", 0, values("m", 0, 5));
  /** The leader dies; the stale follower is elected and takes n-0..n-7 at offsets 0..7. */
  const electTheStaleFollower = (): void => {
    sim.crash(leader, "kill");
    sim.network.heal();
    runFor(cluster, 11_000);
    expect(cluster.leaderOf("orders-0")).toBe(follower);
    writer().produce(follower, "orders", 0, values("n", 0, 8));
  };
  return { cluster, sim, history, consumer: nodeIds[0]!, electTheStaleFollower };
}

function valuesRead(history: History): string[] {
  return history.polls().flatMap((poll) => poll.records.map((r) => r.value));
}

describe("KIP-320: a consumer validates its position after a leader change", () => {
  it("moves back to where the new leader's log diverges and reads every record there", () => {
    // Each record takes 3 s to process, so the consumer fetches nothing while the election runs.
    const { cluster, sim, history, electTheStaleFollower } = consumedBeforeTheElection({
      processingMs: 3000,
      config: { maxPollIntervalMs: 120_000 },
    });
    runFor(cluster, 9000);
    expect(valuesRead(history)).toEqual(values("m", 0, 5));
    electTheStaleFollower();
    runFor(cluster, 60_000);
    const truncations = sim.trace.events.filter((e) => e.kind === "consumer-log-truncation");
    expect(truncations.map((e) => e.detail)).toEqual([expect.objectContaining({ partition: "orders-0", offset: 0 })]);
    expect(history.resumes().map((r) => r.offset)).toContain(0);
    // Without validation the fetch at offset 5 would have returned n-5.. and skipped n-0..n-4.
    expect(valuesRead(history)).toEqual([...values("m", 0, 5), ...values("n", 0, 8)]);
  });
});

describe("KIP-320: a committed offset carries its leader epoch", () => {
  it("a consumer resuming from it after an unclean election validates it and moves back", () => {
    const { cluster, sim, history, consumer, electTheStaleFollower } = consumedBeforeTheElection({});
    runFor(cluster, 12_000);
    // m-0..m-4 consumed and committed at offset 5 (with the leader's epoch); the consumer then dies.
    expect(history.commits().filter((c) => c.type === "ok").map((c) => c.offsets[0]?.offset)).toContain(5);
    sim.crash(consumer, "kill");
    electTheStaleFollower();
    runFor(cluster, 1000);
    sim.restart(consumer);
    runFor(cluster, 30_000);
    expect(history.resumes().map((r) => r.offset)).toEqual([0, 5, 0]); // the start (latest), the committed offset, the divergence
    // Resuming at offset 5 unvalidated, the fetch would have returned n-5.. and skipped n-0..n-4.
    expect(valuesRead(history)).toEqual([...values("m", 0, 5), ...values("n", 0, 8)]);
  });
});

describe("KIP-320: records buffered before a leader change", () => {
  it("are dropped once metadata.max.age.ms brings the new leader, and read again from where its log diverges", () => {
    // One record per poll, 6 s each: m-1..m-4 wait in the fetch buffer while the election runs.
    const { cluster, sim, history, electTheStaleFollower } = consumedBeforeTheElection({
      processingMs: 6000,
      config: { maxPollRecords: 1, metadataMaxAgeMs: 1000 },
    });
    runFor(cluster, 8000);
    electTheStaleFollower();
    runFor(cluster, 60_000);
    const dropped = sim.trace.events.filter((e) => e.kind === "consumer-fetch-dropped");
    expect(dropped.map((e) => e.detail)).toEqual([expect.objectContaining({ partition: "orders-0" })]);
    const truncations = sim.trace.events.filter((e) => e.kind === "consumer-log-truncation");
    expect(truncations.map((e) => e.detail)).toEqual([expect.objectContaining({ partition: "orders-0", offset: 0 })]);
    // Without the drop, m-2.. (fetched from the dead leader, absent from the new one) would be returned too.
    expect(valuesRead(history)).toEqual([...values("m", 0, 2), ...values("n", 0, 8)]);
  });
});
