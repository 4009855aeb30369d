/** `ksim demo`: the kernel's ping-pong simulation, for a first look at determinism. */
import { runPingPong } from "../../demo/pingPong";
import { droppedTotal } from "../../network/stats";

export function demoCommand(seed: string): number {
  const result = runPingPong({
    seed,
    nodes: 5,
    durationMs: 10_000,
    link: { latencyMinMs: 1, latencyMaxMs: 10, loss: 0.01, duplicate: 0.01 },
    faults: true,
    keepAlive: true,
  });
  const stats = result.network;
  process.stdout.write(
    [
      `ksim demo: 5 nodes ping-ponging for 10 s simulated (seed "${seed}"), partition and crash/restart mid-run`,
      `events:      ${result.outcome.events} (${result.outcome.reason})`,
      `network:     sent ${stats.sent}, delivered ${stats.delivered}, dropped ${droppedTotal(stats)} ` +
        `(loss ${stats.dropped.loss}, partition ${stats.dropped.partition}, node down ${stats.dropped.nodeDown}), ` +
        `duplicated ${stats.duplicated}`,
      `fingerprint: ${result.fingerprint}`,
      "",
    ].join("\n"),
  );
  return 0;
}
