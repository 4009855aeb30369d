/**
 * What fast-check draws for one run of a scenario — the simulation seed (never shrunk), the
 * generated faults (shrunk toward fewer, earlier, shorter) and the swarm choices — and how that
 * becomes the run's scenario and full fault schedule.
 */
import fc from "fast-check";
import { faultScheduleArbitrary, type NodeGroups } from "../faults/faultArbitrary";
import { brokerIds, consumerNodeIds, producerNodeIds } from "../scenario/nodeNames";
import type { FaultSpec } from "../scenario/faultSpec";
import type { Scenario, SwarmValue } from "../scenario/scenario";
import { withSwarmChoices } from "../scenario/swarmChoices";

export interface RunInput {
  readonly seed: number;
  readonly generated: readonly FaultSpec[];
  readonly swarm: Readonly<Record<string, SwarmValue>>;
}

export const SEED_MAX = 0x7fffffff;

export function nodeGroupsOf(scenario: Scenario): NodeGroups {
  return {
    brokers: brokerIds(scenario.cluster.brokers),
    controller: ["controller"],
    producers: producerNodeIds(scenario),
    consumers: consumerNodeIds(scenario),
  };
}

export function runInputArbitrary(scenario: Scenario): fc.Arbitrary<RunInput> {
  const generate = scenario.faults.generate;
  const generated = generate === undefined ? fc.constant([]) : faultScheduleArbitrary(generate, nodeGroupsOf(scenario));
  const swarmEntries = Object.entries(scenario.swarm ?? {});
  const swarm = fc.record(Object.fromEntries(swarmEntries.map(([path, values]) => [path, fc.constantFrom(...values)])));
  const seed = scenario.seed !== undefined ? fc.constant(scenario.seed) : fc.noShrink(fc.integer({ min: 0, max: SEED_MAX }));
  return fc.record({ seed, generated, swarm });
}

/** The scenario as this run sees it (swarm choices applied); throws ScenarioError on a conflicting combination. */
export function scenarioForRun(scenario: Scenario, swarm: Readonly<Record<string, SwarmValue>>): Scenario {
  return Object.keys(swarm).length === 0 ? scenario : withSwarmChoices(scenario, swarm);
}

/** The whole schedule of a run: the scenario's own faults, then the generated ones. */
export function faultsForRun(scenario: Scenario, generated: readonly FaultSpec[]): FaultSpec[] {
  return [...scenario.faults.schedule, ...generated];
}
