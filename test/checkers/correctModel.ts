/**
 * A history from a simple correct Kafka: sends append in order to one log per partition, one
 * consumer per generation reads every partition in order from its committed offset, processes
 * into an idempotent sink and commits; at the end the group reads to the end and the drain reads
 * every partition whole. No check should find anything in it.
 */
import fc from "fast-check";
import type { HistoryOp } from "../../src/history/types";
import { HistoryBuilder } from "./historyBuilder";

export type ModelStep =
  | {
      readonly kind: "send";
      readonly producer: number;
      readonly partition: number;
      readonly outcome: SendOutcome;
    }
  | { readonly kind: "poll"; readonly recordsMax: number }
  | { readonly kind: "commit"; readonly outcome: CommitOutcome }
  | { readonly kind: "rebalance" };

type SendOutcome = "ok" | "acks0" | "fail" | "info-written" | "info-lost";
type CommitOutcome = "ok" | "fail" | "info-landed" | "info-lost";

export const PARTITION_COUNT = 3;

export const modelStepArbitrary: fc.Arbitrary<ModelStep> = fc.oneof(
  fc.record({
    kind: fc.constant("send" as const),
    producer: fc.integer({ min: 0, max: 1 }),
    partition: fc.integer({ min: 0, max: PARTITION_COUNT - 1 }),
    outcome: fc.constantFrom<SendOutcome>("ok", "ok", "acks0", "fail", "info-written", "info-lost"),
  }),
  fc.record({ kind: fc.constant("poll" as const), recordsMax: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant("commit" as const),
    outcome: fc.constantFrom<CommitOutcome>("ok", "fail", "info-landed", "info-lost"),
  }),
  fc.record({ kind: fc.constant("rebalance" as const) }),
);

const GROUP = "billing";
const partitionNames = Array.from({ length: PARTITION_COUNT }, (_, partition) => `orders-${partition}`);

export interface ModelRun {
  readonly ops: HistoryOp[];
  /** Values acknowledged with a known offset, by partition. */
  readonly ackedValues: { readonly partition: string; readonly value: string }[];
}

export function runCorrectModel(steps: readonly ModelStep[]): ModelRun {
  const h = new HistoryBuilder();
  const logs = partitionNames.map((): string[] => []);
  const committed: (number | null)[] = partitionNames.map(() => null);
  const positions = partitionNames.map(() => 0);
  const applied = new Set<string>();
  const sendCounts = new Map<number, number>();
  const ackedValues: { partition: string; value: string }[] = [];
  let generation = 1;
  let consumer = "consumer-billing-1";
  let clockMs = 0;
  const tick = (): HistoryBuilder => h.at(++clockMs / 1000);

  const resumeAll = (): void => {
    partitionNames.forEach((partition, index) => {
      const offset = committed[index] ?? 0;
      positions[index] = offset;
      tick().resume(consumer, GROUP, generation, partition, offset, committed[index] ?? null);
    });
  };

  const poll = (recordsMax: number): boolean => {
    const records = partitionNames.flatMap((partition, index) => {
      const log = logs[index] ?? [];
      const from = positions[index] ?? 0;
      const values = log.slice(from, from + recordsMax);
      positions[index] = from + values.length;
      return values.map((value, position) => [partition, from + position, value] as const);
    });
    if (records.length === 0) return false;
    tick().poll(consumer, GROUP, generation, records);
    for (const record of records) {
      const key = `${record[0]}@${record[1]}`;
      tick().process(consumer, GROUP, generation, record, !applied.has(key));
      applied.add(key);
    }
    return true;
  };

  const commit = (outcome: CommitOutcome): void => {
    const offsets = Object.fromEntries(
      partitionNames.map((partition, index) => [partition, positions[index] ?? 0]),
    );
    const invoke = tick().commit(consumer, GROUP, generation, offsets);
    if (outcome === "ok" || outcome === "info-landed")
      positions.forEach((offset, index) => (committed[index] = offset));
    if (outcome === "ok") tick().committed(invoke);
    else tick().committed(invoke, outcome === "fail" ? "fail" : "info", "REQUEST_TIMED_OUT");
  };

  resumeAll();
  for (const step of steps) {
    if (step.kind === "send") {
      const producer = `producer-p${step.producer}-0`;
      const sequence = sendCounts.get(step.producer) ?? 0;
      sendCounts.set(step.producer, sequence + 1);
      const value = `p${step.producer}-0-${String(sequence).padStart(6, "0")}`;
      const partition = `orders-${step.partition}`;
      const log = logs[step.partition] ?? [];
      const send = tick().send(producer, partition, value);
      const written = step.outcome === "ok" || step.outcome === "acks0" || step.outcome === "info-written";
      if (written) log.push(value);
      if (step.outcome === "ok") {
        tick().ok(send, log.length - 1);
        ackedValues.push({ partition, value });
      } else if (step.outcome === "acks0") tick().ok(send, -1);
      else if (step.outcome === "fail") tick().fail(send);
      else tick().info(send);
    } else if (step.kind === "poll") {
      poll(step.recordsMax);
    } else if (step.kind === "commit") {
      commit(step.outcome);
    } else {
      generation += 1;
      consumer = `consumer-billing-${generation}`;
      resumeAll();
    }
  }
  while (poll(3)) commit("ok");
  partitionNames.forEach((partition, index) => {
    const log = logs[index] ?? [];
    for (let from = 0; from < log.length; from += 4) {
      tick().drain(
        log.slice(from, from + 4).map((value, position) => [partition, from + position, value] as const),
      );
    }
  });
  return { ops: h.ops, ackedValues };
}

export const correctModelContext = {
  groups: [{ name: GROUP, topics: ["orders"], reachedEnd: true }],
  drainComplete: new Set(partitionNames),
  truncations: [],
};
