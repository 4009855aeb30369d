/**
 * A finding as a permanent regression scenario: the counterexample's faults become the explicit
 * schedule, the generator and swarm go, and the simulation seed is pinned, so the file fails the
 * same way every time it runs.
 */
import { effectiveFaults } from "../faults/effectiveFaults";
import { inTimeOrder } from "../faults/faultRunner";
import type { Finding } from "../harness/findings";
import { scenarioForRun } from "../harness/runInput";
import type { Scenario } from "../scenario/scenario";
import { scenarioToYaml } from "../scenario/scenarioToYaml";

export function exportRegression(scenario: Scenario, finding: Finding): string {
  const pinned = scenarioForRun(scenario, finding.counterexample.swarmChoices ?? {});
  const checks = finding.violations.map((v) => v.check);
  return scenarioToYaml(pinned, {
    name: `${scenario.name}-regression-${finding.counterexample.seed}`,
    description: `Regression: ${scenario.name} counterexample (seed ${finding.counterexample.seed}); found ${[...new Set(checks)].join(", ")}.`,
    // In the order they strike, as the run applied them (without those that struck nothing).
    schedule: effectiveFaults(inTimeOrder(finding.counterexample.faults)),
    generate: null,
    swarm: null,
    seed: finding.counterexample.seed,
    expect: { kind: "violate", checks: [...new Set(finding.violations.map((v) => v.check))] },
    runs: 1,
    header: `Exported by ksim replay --save from ${finding.replayCommand}`,
  });
}
