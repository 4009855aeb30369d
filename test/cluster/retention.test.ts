/**
 * Retention as brokers run it: every replica deletes its own expired segments (below its own HW)
 * on Kafka's schedule, the log start offset moves, and fetches below it are out of range.
 */
import { describe, expect, it } from "vitest";
import { topicSpec } from "../../src/cluster/clusterSpec";
import { ReplicaMonitor } from "../../src/checkers/replica/replicaMonitor";
import type { Cluster } from "../../src/cluster/cluster";
import type { Partition } from "../../src/broker/partition";
import {
  EARLIEST_TIMESTAMP,
  type FetchRequest,
  type FetchResponse,
  type ListOffsetsRequest,
  type ListOffsetsResponse,
} from "../../src/protocol/dataMessages";
import { DEFAULT_LOG_CONFIG } from "../../src/storage/partitionLog";
import { addScriptedClient, type ScriptedClient } from "../support/scriptedClient";
import { logValues, runFor, startCluster, values } from "../support/clusterFixture";

/** Two single-record batches (79 bytes each) per segment; records expire 20 s after their append. */
const log = { ...DEFAULT_LOG_CONFIG, segmentBytes: 200, retentionMs: 20_000 };

/** A cluster checking retention every second, a watching monitor, a client, and orders-0's first leader. */
function retentionCluster(replicationFactor: number, minInsyncReplicas: number) {
  const cluster = startCluster({
    logRetentionCheckIntervalMs: 1000,
    topics: [topicSpec("orders", 1, replicationFactor, { minInsyncReplicas, log })],
  });
  const monitor = new ReplicaMonitor(cluster);
  const client = addScriptedClient(cluster.sim, "client");
  runFor(cluster, 1000);
  return { cluster, monitor, client, leader: cluster.leaderOf("orders-0")! };
}

function replicaOn(cluster: Cluster, broker: string): Partition {
  return cluster.broker(broker)!.replicas.partitions.get("orders-0")!;
}

/** One single-record batch per value, so that segments roll every two records. */
function produceEach(client: () => ScriptedClient, leader: string, batchValues: readonly string[]): void {
  for (const value of batchValues) client().produce(leader, "orders", 0, [value]);
}

/** Records 0-3 at about 1 s (segments [0,1] [2,3]), then 4-5 at about 25 s (segment [4,5]); runs until `untilMs`. */
function produceOldThenNew(cluster: Cluster, client: () => ScriptedClient, leader: string, untilMs: number): void {
  produceEach(client, leader, values("old", 0, 4));
  runFor(cluster, 24_000);
  produceEach(client, leader, values("new", 0, 2));
  runFor(cluster, untilMs - 25_000);
}

function consumerFetch(client: () => ScriptedClient, leader: string, fetchOffset: number): void {
  const request: FetchRequest = {
    type: "FetchRequest",
    correlationId: 9001,
    replicaId: null,
    brokerEpoch: -1,
    maxWaitMs: 0,
    minBytes: 1,
    maxBytes: 1_000_000,
    partitions: [{ topic: "orders", partition: 0, fetchOffset, lastFetchedEpoch: -1, currentLeaderEpoch: -1 }],
  };
  client().send(leader, request);
}

function listEarliest(client: () => ScriptedClient, leader: string): void {
  const request: ListOffsetsRequest = {
    type: "ListOffsetsRequest",
    correlationId: 9002,
    partitions: [{ topic: "orders", partition: 0, timestamp: EARLIEST_TIMESTAMP, currentLeaderEpoch: -1 }],
  };
  client().send(leader, request);
}

function lastOfType<T extends { type: string }>(client: ScriptedClient, type: T["type"]): T | undefined {
  const matching = client.received.map((r) => r.message).filter((m) => m.type === type);
  return matching[matching.length - 1] as T | undefined;
}

describe("retention on a running cluster", () => {
  it("deletes expired segments on every replica (Kafka checks 30 s after start, then every log.retention.check.interval.ms)", () => {
    const { cluster, monitor, client, leader } = retentionCluster(3, 2);
    produceOldThenNew(cluster, client, leader, 29_000);
    for (const broker of cluster.brokerIds) expect(replicaOn(cluster, broker).log.logStartOffset).toBe(0);

    runFor(cluster, 3_000); // past the first check at 30 s: the old segments are 29 s old
    for (const broker of cluster.brokerIds) {
      const partition = replicaOn(cluster, broker);
      expect(partition.log.logStartOffset).toBe(4);
      expect(logValues(cluster, broker, "orders-0")).toEqual(values("new", 0, 2));
      expect(partition.epochs.entries()[0]?.startOffset).toBe(4); // the epoch cache follows the log start
      expect(partition.store.epochCheckpoint.read()?.[0]?.startOffset).toBe(4);
    }

    consumerFetch(client, leader, 0);
    listEarliest(client, leader);
    runFor(cluster, 100);
    expect(lastOfType<FetchResponse>(client(), "FetchResponse")?.partitions[0]).toMatchObject({
      error: "OFFSET_OUT_OF_RANGE",
      logStartOffset: 4,
    });
    expect(lastOfType<ListOffsetsResponse>(client(), "ListOffsetsResponse")?.partitions[0]?.offset).toBe(4);

    runFor(cluster, 30_000); // the new segment expires too, the active one included once all committed
    for (const broker of cluster.brokerIds) {
      const partition = replicaOn(cluster, broker);
      expect([partition.log.logStartOffset, partition.logEndOffset]).toEqual([6, 6]);
    }
    expect(monitor.finish()).toEqual([]);
  });

  it("a follower that was down while the leader deleted its log start starts over there and rejoins", () => {
    const { cluster, monitor, client, leader } = retentionCluster(2, 1);
    const follower = cluster.brokerIds.find((id) => id !== leader && cluster.controllerDisk.partitions.get("orders-0")!.replicas.includes(id))!;
    cluster.sim.crash(follower, "kill");
    produceOldThenNew(cluster, client, leader, 33_000);
    expect(replicaOn(cluster, leader).log.logStartOffset).toBe(4);

    cluster.sim.restart(follower); // its log ends at 0, below the leader's log start
    runFor(cluster, 5_000);
    const state = cluster.controllerDisk.partitions.get("orders-0")!;
    expect(state.isr).toContain(follower);
    expect(logValues(cluster, follower, "orders-0")).toEqual(values("new", 0, 2));
    expect(replicaOn(cluster, follower).log.logStartOffset).toBe(4);
    expect(monitor.finish()).toEqual([]);
  });
});
