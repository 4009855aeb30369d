/**
 * Scale benchmark (issue 7.4): one run each of 100k and of 1M produced records through 3 brokers
 * (RF 3) and a consumer group that processes, then commits — no faults, every check on.
 *
 * 4 idempotent producer instances (acks=all, linger.ms 5 so batches form) at 5,000 records/s each
 * (20,000/s in all) into one topic of 6 partitions; a group of 2 consumers (processingMs 0). The
 * chaos phase lasts as long as the producers need plus 5 s, so each size runs the same shape;
 * the drain bound is 60 s (the run stops as soon as everything has converged). Each size runs
 * once, no warm-up, in its own fresh child process so the peaks are separate (maxRSS).
 *
 * Targets (issue 7.4): time(1M) / time(100k) <= 12; memory <= 1.5 GB at 1M (judged both as 1.5 GiB
 * and as 1.5 x 10^9 bytes). maxRSS moves by several percent from run to run (GC timing).
 */
import {
  type BenchOptions,
  fmt,
  heapProfilePath,
  mib,
  resultHeader,
  round,
  runScenarioChild,
  writeResult,
} from "./common";

const INSTANCES = 4;
const RATE_PER_INSTANCE = 5000;
const SIZES = [100_000, 1_000_000];
const QUICK_SIZES = [10_000, 100_000];
const TARGET_RATIO = 12;
/** "1.5 GB" read both ways: 1.5 GiB (1,536 MiB) and 1.5 x 10^9 bytes (1,430.5 MiB). */
const TARGET_MEMORY_GIB_BYTES = 1.5 * 1024 ** 3;
const TARGET_MEMORY_GB_BYTES = 1.5e9;
const SEED = 1;
const CHILD_TIMEOUT_MS = 4 * 60_000;

export function scaleScenario(records: number): string {
  const chaosMs = Math.ceil(records / (INSTANCES * RATE_PER_INSTANCE)) * 1000 + 5000;
  return `
name: bench-scale-${records}
description: ${records} records from ${INSTANCES} producers at ${RATE_PER_INSTANCE}/s each through 3 brokers (RF 3) and a process-then-commit group.
cluster:
  brokers: 3
  broker: { min.insync.replicas: 2 }
topics:
  - { name: orders, partitions: 6, replicationFactor: 3 }
producers:
  - id: p1
    instances: ${INSTANCES}
    config: { acks: all, enable.idempotence: true, linger.ms: 5 }
    workload: { topic: orders, messages: ${records / INSTANCES}, ratePerSec: ${RATE_PER_INSTANCE}, keys: 1000 }
consumers:
  - group: billing
    instances: 2
    topics: [orders]
    strategy: process-then-commit
    processingMs: 0
    config: { auto.offset.reset: earliest }
phases: { chaosMs: ${chaosMs}, healMs: 0, drainMs: 60000 }
expect: hold
`;
}

interface SizeMeasurement {
  records: number;
  wallMs: number;
  simulationLoopWallMs: number;
  processWallMs: number;
  simulatedSeconds: number;
  events: number;
  deliveredMessages: number;
  historyOps: number;
  violations: number;
  outcome: string;
  maxRssMiB: number;
  heapUsedAtSimulationEndMiB: number;
  microsecondsPerRecord: number;
}

export function run(options: BenchOptions): object {
  const sizes = options.quick ? QUICK_SIZES : SIZES;
  process.stdout.write(
    `scale: ${INSTANCES} producers x ${fmt(RATE_PER_INSTANCE)} records/s, 3 brokers RF 3, 6 partitions, 2-consumer process-then-commit group; one run per size, each in a fresh child process\n`,
  );
  const measured: SizeMeasurement[] = [];
  for (const records of sizes) {
    const child = runScenarioChild(
      {
        scenarioText: scaleScenario(records),
        fileName: `bench-scale-${records}.yaml`,
        seed: SEED,
        warmups: 0,
        ...heapProfilePath(options, `scale-${records}`),
      },
      options,
      CHILD_TIMEOUT_MS,
    );
    const m: SizeMeasurement = {
      records,
      wallMs: round(child.wallMs),
      simulationLoopWallMs: round(child.simLoopWallMs),
      processWallMs: round(child.processWallMs),
      simulatedSeconds: round(child.outcome.timeUs / 1e6, 3),
      events: child.outcome.events,
      deliveredMessages: child.network.delivered,
      historyOps: child.historyOps,
      violations: child.violations,
      outcome: `${child.outcome.status}: ${child.outcome.reason}`,
      maxRssMiB: mib(child.maxRssBytes),
      heapUsedAtSimulationEndMiB: mib(child.heapUsedAtSimEndBytes),
      microsecondsPerRecord: round((child.wallMs * 1000) / records, 1),
    };
    measured.push(m);
    process.stdout.write(
      `  ${fmt(records).padStart(9)} records: ${fmt(m.wallMs)} ms runOnce (loop ${fmt(m.simulationLoopWallMs)} ms; ${fmt(m.microsecondsPerRecord, 1)} us/record), ` +
        `${fmt(m.simulatedSeconds, 1)} simulated s, ${fmt(m.events)} events, ${fmt(m.historyOps)} history ops, ${m.violations} violations (${m.outcome}); ` +
        `maxRSS ${fmt(m.maxRssMiB, 1)} MiB, heap at loop end ${fmt(m.heapUsedAtSimulationEndMiB, 1)} MiB\n`,
    );
  }
  const small = measured[0]!;
  const large = measured[measured.length - 1]!;
  const ratio = large.wallMs / small.wallMs;
  const sizeRatio = large.records / small.records;
  const peakBytes = large.maxRssMiB * 1024 * 1024;
  const memoryMetGiB = peakBytes <= TARGET_MEMORY_GIB_BYTES;
  const memoryMetGB = peakBytes <= TARGET_MEMORY_GB_BYTES;
  const overPercent = (limit: number): number => round((100 * (peakBytes - limit)) / limit, 1);
  const result = {
    ...resultHeader(options),
    ...(options.quick ? { quick: true } : {}),
    seed: SEED,
    scenario: scaleScenario(large.records).trim(),
    sizes: measured,
    timeRatio: round(ratio, 2),
    sizeRatio,
    targets: {
      timeRatio: { target: TARGET_RATIO, met: ratio <= TARGET_RATIO },
      maxRssAtLargest: {
        measuredMiB: large.maxRssMiB,
        measuredGB: round(peakBytes / 1e9, 3),
        gib: { targetMiB: 1536, met: memoryMetGiB, overByPercent: overPercent(TARGET_MEMORY_GIB_BYTES) },
        gb: {
          targetMiB: round(TARGET_MEMORY_GB_BYTES / 1024 ** 2, 1),
          met: memoryMetGB,
          overByPercent: overPercent(TARGET_MEMORY_GB_BYTES),
        },
        ...(options.quick
          ? { note: "quick mode: the largest size is not 1M, the memory target does not apply" }
          : {}),
      },
    },
  };
  process.stdout.write(
    [
      `  time(${fmt(large.records)}) / time(${fmt(small.records)}) = ${fmt(ratio, 2)} for ${sizeRatio}x the records (target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? "met" : "MISSED"})`,
      `  peak memory at ${fmt(large.records)}: ${fmt(large.maxRssMiB, 1)} MiB maxRSS = ${fmt(peakBytes / 1e9, 2)} GB` +
        ` (target 1.5 GiB = 1,536 MiB: ${memoryMetGiB ? "met" : `MISSED by ${fmt(overPercent(TARGET_MEMORY_GIB_BYTES), 1)}%`};` +
        ` 1.5 x 10^9 B = 1,430.5 MiB: ${memoryMetGB ? "met" : `MISSED by ${fmt(overPercent(TARGET_MEMORY_GB_BYTES), 1)}%`}${options.quick ? "; quick mode, not the 1M target" : ""})`,
      "",
    ].join("\n"),
  );
  writeResult("scale", result);
  return result;
}
