import { describe, expect, it } from "vitest";
import type { ProcessingStrategy } from "../../src/consumer/consumerSettings";
import type { ConsumerConfig } from "../../src/config/consumerConfig";
import { runFor, values } from "../support/clusterFixture";
import { addConsumerGroup, History, produceEverywhere, startGroupCluster } from "./consumerFixture";

const RECORDS = 30;
/** Two batches of 10 (max.poll.records) are polled; the crash comes 4 records into the second. */
const PROCESSED_AT_CRASH = 14;

interface CrashOutcome {
  readonly history: History;
  readonly owner: string;
  readonly survivor: string;
  readonly appliedCount: (value: string) => number;
}

/** Two members, one partition: the owner crashes mid-batch and the other takes over after the session timeout. */
function crashOwnerMidBatch(
  strategy: ProcessingStrategy,
  config: Partial<ConsumerConfig> = {},
): CrashOutcome {
  const cluster = startGroupCluster(1, { groupInitialRebalanceDelayMs: 3000 });
  runFor(cluster, 1000);
  produceEverywhere(cluster, 1, RECORDS);
  const history = new History(cluster);
  const { nodeIds, sink } = addConsumerGroup(cluster, history, {
    group: "g",
    instances: 2,
    strategy,
    processingMs: 100,
    config,
  });
  for (let steps = 0; history.processed().length < PROCESSED_AT_CRASH; steps++) {
    if (steps > 3000) throw new Error("the group never got going");
    runFor(cluster, 10);
  }
  const owner = history.processed()[0]!.client;
  cluster.sim.crash(owner);
  runFor(cluster, 20_000);
  return {
    history,
    owner,
    survivor: nodeIds.find((id) => id !== owner)!,
    appliedCount: (value) => sink.countOf(value),
  };
}

const valueAt = (offset: number): string => values("v0", offset, 1)[0]!;
const offsets = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe("processing strategies when a consumer crashes mid-batch", () => {
  it("commit-then-process loses the rest of the batch: committed, never processed", () => {
    const { history, survivor } = crashOwnerMidBatch("commit-then-process");
    expect(history.resumes().find((op) => op.client === survivor)).toMatchObject({
      offset: 20,
      committed: 20,
    });
    const counts = history.processCounts();
    for (const offset of offsets(14, 20))
      expect(counts.get(valueAt(offset)), `offset ${offset}`).toBeUndefined();
    for (const offset of [...offsets(0, 14), ...offsets(20, RECORDS)])
      expect(counts.get(valueAt(offset))).toBe(1);
  });

  it("process-then-commit redelivers what was processed since the last commit", () => {
    const { history, survivor } = crashOwnerMidBatch("process-then-commit");
    expect(history.resumes().find((op) => op.client === survivor)).toMatchObject({
      offset: 10,
      committed: 10,
    });
    const counts = history.processCounts();
    for (const offset of offsets(10, 14)) expect(counts.get(valueAt(offset)), `offset ${offset}`).toBe(2);
    for (const offset of [...offsets(0, 10), ...offsets(14, RECORDS)])
      expect(counts.get(valueAt(offset))).toBe(1);
  });

  it("auto-commit redelivers what was processed since the commit at the last poll", () => {
    // The commit at the poll that returned the second batch covers the first batch only.
    const { history, survivor } = crashOwnerMidBatch("auto-commit", { autoCommitIntervalMs: 500 });
    const resume = history.resumes().find((op) => op.client === survivor)!;
    expect(resume).toMatchObject({ offset: 10, committed: 10 });
    const counts = history.processCounts();
    for (const offset of offsets(10, 14)) expect(counts.get(valueAt(offset)), `offset ${offset}`).toBe(2);
    for (const offset of [...offsets(0, 10), ...offsets(14, RECORDS)])
      expect(counts.get(valueAt(offset))).toBe(1);
  });

  it("idempotent-sink processes the redelivered records again but applies every record once", () => {
    const { history, appliedCount } = crashOwnerMidBatch("idempotent-sink");
    const repeats = history.processed().filter((op) => !op.applied);
    expect(repeats.map((op) => op.record.offset)).toEqual(offsets(10, 14));
    for (const offset of offsets(0, RECORDS)) {
      expect(appliedCount(valueAt(offset)), `offset ${offset}`).toBe(1);
      expect(history.processed().filter((op) => op.applied && op.record.offset === offset)).toHaveLength(1);
    }
  });
});
