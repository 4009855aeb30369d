/**
 * The run the determinism tests repeat in process and in a child process: the ping-pong demo with
 * loss, duplication, jitter, a partition and a crash/restart.
 */
import { runPingPong } from "../../src/demo/pingPong";

export interface DeterminismResult {
  fingerprint: string;
  events: number;
  delivered: number;
}

export function determinismRun(seed: string, fifo = false): DeterminismResult {
  const result = runPingPong({
    seed,
    nodes: 5,
    durationMs: 3_000,
    link: { latencyMinMs: 1, latencyMaxMs: 10, loss: 0.05, duplicate: 0.05 },
    faults: true,
    keepAlive: true,
    fifo,
  });
  return {
    fingerprint: result.fingerprint,
    events: result.outcome.events,
    delivered: result.network.delivered,
  };
}
