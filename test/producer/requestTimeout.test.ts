/**
 * A request timeout closes the connection (Kafka's NetworkClient.handleTimedOutRequests): every
 * request in flight to that broker fails as disconnected, not only the one that timed out, and
 * the Sender retries them all.
 */
import { describe, expect, it } from "vitest";
import { checkHistory } from "../../src/checkers";
import { logValues, runFor } from "../support/clusterFixture";
import { acked, idleProducerOnOnePartition, outcomes, QUICK_RETRIES } from "../support/producerFixture";

function timeoutRun(enableIdempotence: boolean) {
  const { cluster, producer, leader } = idleProducerOnOnePartition({ enableIdempotence, ...QUICK_RETRIES });
  const sim = cluster.sim;
  const answers = [sim.indexOf(leader), sim.indexOf(producer.nodeId)] as const;
  // The leader appends both batches, but its answers wait on the link.
  sim.network.hold(answers[0], answers[1]);
  sim.after(0, () => producer.app().client.send("orders", null, "first"));
  sim.after(500, () => producer.app().client.send("orders", null, "second"));
  // "first" times out at 1000 ms, while "second"'s request (sent at 500 ms) is still in flight.
  // Its answer is released at 1200 ms, before its own timeout at 1500 ms.
  runFor(cluster, 1200);
  const logAtRelease = logValues(cluster, leader, "orders-0");
  sim.network.release(answers[0], answers[1]);
  runFor(cluster, 5000);
  return { log: logValues(cluster, leader, "orders-0"), logAtRelease, producer };
}

describe("a request timeout", () => {
  it("fails every request in flight to that broker, so without idempotence both batches are appended twice", () => {
    const { log, logAtRelease, producer } = timeoutRun(false);
    // Both requests failed at 1000 ms and were resent after retry.backoff.ms: four appends by 1200 ms.
    // (Without sequences the later retry goes first, as Kafka's reenqueue puts a batch at the head.)
    expect(logAtRelease).toEqual(["first", "second", "second", "first"]);
    expect(log).toEqual(logAtRelease);
    expect(outcomes(producer.history)).toEqual({ ok: 2 });
  });

  it("with idempotence, the resent batches go out in sequence order and are recognised as duplicates", () => {
    const { log, producer } = timeoutRun(true);
    expect(log).toEqual(["first", "second"]);
    expect(acked(producer.history).map((op) => op.value)).toEqual(["first", "second"]);
    const violations = checkHistory(producer.history.ops, ["duplicate", "nonmonotonic-send"], {
      groups: [],
      drainComplete: new Set(),
      truncations: [],
    });
    expect(violations).toEqual([]);
  });
});
