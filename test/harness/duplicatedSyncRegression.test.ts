/**
 * Why a broker reads a connection's next request as an event of its own. In lossy-network the
 * network may deliver a request twice. Here (seed 543, no scheduled faults) a follower's
 * SyncGroup arrived twice; the copy waited unread behind the original while the group completed
 * its rebalance. When the broker read the copy inside the coordinator's answer to the parked
 * original, before the group was marked stable, the copy was parked again as a waiter nobody
 * would answer; every later request on that coordinator connection waited behind it, and the
 * group never reached the log end (10 of 600 seeds failed so). Kafka reads the next request on a
 * later turn of its network thread, and so does ksim.
 */
import { describe, expect, it } from "vitest";
import { runOnce } from "../../src/harness/runOnce";
import { loadScenarioFile } from "../../src/scenario";
import type { FaultSpec } from "../../src/scenario/faultSpec";

const SEED = 543;
const FAULTS: FaultSpec[] = [];

describe("lossy-network, a SyncGroup the network delivered twice", () => {
  it("holds: the copy is read after the group settled, answered, and the group reaches the end", () => {
    const result = runOnce(loadScenarioFile("scenarios/lossy-network.yaml"), SEED, FAULTS, { recordTrace: true });
    expect(result.violations.map((violation) => violation.message)).toEqual([]);
    // The copy did arrive: the consumer's one SyncGroup was delivered twice to the coordinator.
    const syncs = result.trace!.filter(
      (event) => event.kind === "deliver" && event.node === "consumer-billing-1" && (event.detail as { type?: string }).type === "SyncGroupRequest",
    );
    const correlationIds = syncs.map((event) => (event.detail as { correlationId: number }).correlationId);
    expect(new Set(correlationIds).size).toBeLessThan(correlationIds.length);
  });
});
