/** The `ksim` command line. */
import { runPingPong } from "../demo/pingPong";
import { droppedTotal } from "../network/stats";

export function main(argv: readonly string[]): void {
  const [command = "demo"] = argv;
  if (command !== "demo") {
    process.stderr.write(`ksim: unknown command "${command}" (commands: demo)\n`);
    process.exitCode = 2;
    return;
  }
  const seed = "demo";
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
}
