import { describe, expect, it } from "vitest";
import { cellOverrides, matrixCells } from "../../src/matrix/matrixGrid";
import { matrixBaseScenario } from "../../src/matrix/matrixScenario";
import { withSwarmChoices } from "../../src/scenario/swarmChoices";

describe("the guarantee matrix's grid", () => {
  it("has every valid combination once: 128 cells, none Kafka would refuse", () => {
    const cells = matrixCells();
    expect(cells).toHaveLength(128);
    expect(cells.filter((c) => c.idempotence && c.acks !== "all")).toEqual([]);
    expect(new Set(cells.map((c) => JSON.stringify(c))).size).toBe(128);
  });

  it("turns a cell into a scenario with exactly that configuration", () => {
    const cell = { acks: "1", idempotence: false, minInsyncReplicas: 1, uncleanElection: true, inFlight: 5, strategy: "auto-commit" } as const;
    const scenario = withSwarmChoices(matrixBaseScenario(), cellOverrides(cell));
    expect(scenario.producers[0]!.config).toMatchObject({ acks: "1", enableIdempotence: false, maxInFlightRequestsPerConnection: 5 });
    expect(scenario.cluster.broker).toMatchObject({ minInsyncReplicas: 1, uncleanLeaderElectionEnable: true });
    expect(scenario.consumers[0]!.strategy).toBe("auto-commit");
  });
});
