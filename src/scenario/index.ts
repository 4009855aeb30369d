/** Scenario files: the format's types, loading and validation, node names, export back to YAML. */
export {
  CHECK_SCOPES,
  CHECK_SPECS,
  checkCovers,
  isCheckSpec,
  splitCheckSpec,
  type CheckScope,
  type CheckSpec,
  type SplitCheckSpec,
} from "./checkSpec";
export {
  CRASH_MODES,
  FAULT_KINDS,
  GENERATE_KINDS,
  GENERATE_TARGETS,
  nodesOfFault,
  type CrashFault,
  type CrashMode,
  type FaultKind,
  type FaultSpec,
  type GenerateKind,
  type GenerateSpec,
  type GenerateTarget,
  type HealFault,
  type LatencyRangeMs,
  type LinkFault,
  type PartitionFault,
  type PartitionOneWayFault,
  type PauseFault,
  type RestartFault,
} from "./faultSpec";
export {
  CONSUMER_STRATEGIES,
  SCENARIO_DEFAULTS,
  type ClusterSpec,
  type ConsumerSpec,
  type ConsumerStrategy,
  type Expectation,
  type FaultsSpec,
  type NetworkSpec,
  type PhasesSpec,
  type ProducerSpec,
  type Scenario,
  type SwarmSpec,
  type SwarmValue,
  type TopicSpec,
  type WorkloadSpec,
} from "./scenario";
export { ScenarioError, formatScenarioIssue, type ScenarioIssue } from "./scenarioError";
export { checkScenarioText, parseScenario, sha256Hex, type ScenarioCheck } from "./parseScenario";
export { expandScenarioPaths, loadScenarioFile, loadScenarios } from "./loadScenarios";
export { scenarioToData, scenarioToYaml, type ScenarioOverrides } from "./scenarioToYaml";
export { withSwarmChoices } from "./swarmChoices";
export { parseSwarmPath } from "./swarmPath";
export {
  CONTROLLER_ID,
  allNodeIds,
  brokerId,
  brokerIds,
  consumerNodeId,
  consumerNodeIds,
  producerNodeId,
  producerNodeIds,
  unknownNodeMessage,
} from "./nodeNames";
