/**
 * Kernel benchmark: how many events per second the simulator processes on a pure message
 * workload, against a bare binary heap doing the same number of pushes and pops.
 *
 * Workload: ping-pong among 5 nodes with uniform random latencies (1–10 ms), no loss, no
 * duplication, no faults, no timers — every event is one delivered message and one handler.
 * Baseline: the same number of events through BaselineHeap at the same queue depth, each
 * popped event pushing its successor a random 1–10 ms later, with no handler at all.
 */
import { performance } from "node:perf_hooks";
import { buildPingPong } from "../src/demo/pingPong";
import { BaselineHeap } from "./baselineHeap";
import { resultHeader, writeResult, type BenchOptions, type ResultHeader } from "./common";

const NODES = 5;
const LATENCY_MIN_US = 1_000;
const LATENCY_MAX_US = 10_000;
const EVENTS_DEFAULT = 3_000_000;
const WARMUP_EVENTS = 500_000;
const REPETITIONS = 5;

export interface KernelBenchResult extends ResultHeader {
  events: number;
  repetitions: number;
  kernelEventsPerSecond: number;
  baselineEventsPerSecond: number;
  ratio: number;
}

/** Runs the ping-pong simulation for exactly `events` events; returns elapsed milliseconds. */
function timeKernel(events: number, seed: string): number {
  const sim = buildPingPong({
    seed,
    nodes: NODES,
    durationMs: Number.MAX_SAFE_INTEGER / 1000,
    link: { latencyMinMs: LATENCY_MIN_US / 1000, latencyMaxMs: LATENCY_MAX_US / 1000, loss: 0, duplicate: 0 },
    faults: false,
    keepAlive: false,
  });
  const startMs = performance.now();
  const outcome = sim.run({ eventsMax: events, timeMaxUs: Number.MAX_SAFE_INTEGER });
  const elapsedMs = performance.now() - startMs;
  // Every event is a delivery except the one kick-off timer each node sets when it starts.
  if (outcome.events !== events || sim.network.stats.delivered !== events - NODES) {
    throw new Error(
      `kernel bench: expected ${events} delivered messages, got ${outcome.events} events ` +
        `(${sim.network.stats.delivered} delivered): ${outcome.reason}`,
    );
  }
  return elapsedMs;
}

/** The same number of events through a bare heap kept at the ping-pong's queue depth. */
function timeBaseline(events: number, seed: number): number {
  const heap = new BaselineHeap();
  let state = seed >>> 0 || 1;
  const span = LATENCY_MAX_US - LATENCY_MIN_US + 1;
  const latencyUs = (): number => {
    // xorshift32: a cheap deterministic stream of latencies.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return LATENCY_MIN_US + (state % span);
  };
  for (let i = 0; i < NODES; i++) heap.push(latencyUs());
  const startMs = performance.now();
  for (let processed = 0; processed < events; processed++) {
    const entry = heap.pop()!;
    heap.push(entry.timeUs + latencyUs());
  }
  const elapsedMs = performance.now() - startMs;
  if (heap.size !== NODES) throw new Error(`baseline bench: queue depth drifted to ${heap.size}`);
  return elapsedMs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

export function run(options: BenchOptions): KernelBenchResult {
  const events = options.events ?? EVENTS_DEFAULT;
  timeKernel(WARMUP_EVENTS, "bench-warmup");
  timeBaseline(WARMUP_EVENTS, 7);
  // Kernel and baseline runs alternate, and the ratio is taken per pair: a pair shares whatever
  // else the machine was doing at the time, so the ratio is steadier than either figure alone.
  const kernelMs: number[] = [];
  const baselineMs: number[] = [];
  const ratios: number[] = [];
  for (let rep = 0; rep < REPETITIONS; rep++) {
    const kernelRunMs = timeKernel(events, `bench-${rep}`);
    const baselineRunMs = timeBaseline(events, 1 + rep);
    kernelMs.push(kernelRunMs);
    baselineMs.push(baselineRunMs);
    ratios.push(baselineRunMs / kernelRunMs);
  }
  const kernelEventsPerSecond = Math.round(events / (median(kernelMs) / 1000));
  const baselineEventsPerSecond = Math.round(events / (median(baselineMs) / 1000));
  const ratio = Number(median(ratios).toFixed(3));
  const result: KernelBenchResult = {
    ...resultHeader(options),
    events,
    repetitions: REPETITIONS,
    kernelEventsPerSecond,
    baselineEventsPerSecond,
    ratio,
  };
  const perSecond = (value: number): string => `${value.toLocaleString("en-US")} events/s`;
  process.stdout.write(
    [
      `kernel: ${events.toLocaleString("en-US")} events, median of ${REPETITIONS} runs after a warm-up`,
      `  kernel   (5-node ping-pong, random latency): ${perSecond(kernelEventsPerSecond)}`,
      `  baseline (bare stable binary heap):          ${perSecond(baselineEventsPerSecond)}`,
      `  ratio kernel/baseline: ${ratio.toFixed(3)} (median of per-pair ratios; target >= 0.5)`,
      "",
    ].join("\n"),
  );
  writeResult("kernel", result);
  return result;
}
