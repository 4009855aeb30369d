/**
 * The soak run that showed why the KIP-360 resend was held back (mixed-minority, replay
 * --seed 915350558 --path 665:4:1:2:1:1:1:2:6:1:7:5:6:8:8:7:7 on 8818efa). The network's
 * partitions then dropped what they cut off: one dropped a new producer's first batch to
 * orders-1's leader and healed a millisecond later; its next batches got through, the leader
 * took them (as Kafka does from a producer it has no state for), the dropped batch came back
 * later as a retry, out of order, and the producer bumped its epoch. On TCP the cut-off batch is
 * retransmitted ahead of the later ones, and partitions now keep it so: the gap never opens.
 */
import { describe, expect, it } from "vitest";
import { runOnce } from "../../src/harness/runOnce";
import { loadScenarioFile } from "../../src/scenario";
import type { FaultSpec } from "../../src/scenario/faultSpec";

const SEED = 1026663432;
const FAULTS: FaultSpec[] = [
  { kind: "partition", at: 9, groups: [["broker-2", "consumer-billing-0"], ["broker-0", "broker-1", "controller", "producer-p1-0", "producer-p1-1", "consumer-billing-1"]] },
  { kind: "partition", at: 10, groups: [["broker-1", "broker-2"], ["broker-0", "controller", "producer-p1-0", "producer-p1-1", "consumer-billing-0", "consumer-billing-1"]] },
  { kind: "heal", at: 120 },
];

describe("mixed-minority, a first batch cut off by a partition that healed at once", () => {
  it("holds, and the batch lands ahead of the later ones: no out-of-order rejection, no epoch bump", () => {
    const result = runOnce(loadScenarioFile("scenarios/mixed-minority.yaml"), SEED, FAULTS, { recordTrace: true });
    expect(result.violations.map((violation) => violation.message)).toEqual([]);
    const trace = result.trace!;
    // The partition did cut messages off, and kept them for the heal.
    expect(trace.filter((event) => event.kind === "held:partition").length).toBeGreaterThan(0);
    const outOfOrder = trace.filter((event) => event.kind === "deliver" && JSON.stringify(event.detail).includes("OUT_OF_ORDER_SEQUENCE_NUMBER"));
    expect(outOfOrder).toEqual([]);
    expect(trace.filter((event) => event.kind === "producer-epoch-bump")).toEqual([]);
  });
});
