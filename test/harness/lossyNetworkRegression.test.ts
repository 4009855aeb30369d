/**
 * The run that got the KIP-360 resend reverted (d261421, lossy-network, replay --seed 2036990997
 * --path 828:0:1:0:0:12:8:19). A lossy producer → broker link lost batch 1 of a partition and let
 * batch 2 through: the broker saw a gap, the producer bumped its epoch and resent batch 2
 * renumbered, and it was written twice. On TCP nothing sent after a lost message arrives, so the
 * gap cannot open, and the run holds.
 */
import { describe, expect, it } from "vitest";
import { runOnce } from "../../src/harness/runOnce";
import { loadScenarioFile } from "../../src/scenario";
import type { FaultSpec } from "../../src/scenario/faultSpec";

const SEED = 1907965860;
const DEGRADED_LINK: FaultSpec = { kind: "link", at: 11, from: "producer-p1-0", to: "broker-0", loss: 0.69, durationMs: 712 };

describe("lossy-network, the run that once wrote a batch twice", () => {
  it("holds: what a producer sent after a lost batch died with the connection", () => {
    const result = runOnce(loadScenarioFile("scenarios/lossy-network.yaml"), SEED, [DEGRADED_LINK], { recordTrace: true });
    expect(result.violations.map((violation) => violation.message)).toEqual([]);
    const kinds = (kind: string) => result.trace!.filter((event) => event.kind === kind).length;
    expect(kinds("drop:severed")).toBeGreaterThan(0); // a send did ride a broken connection
    expect(kinds("producer-epoch-bump")).toBe(0); // and no gap ever reached a broker
  });
});
