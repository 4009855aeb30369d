/**
 * A Scenario back to a scenario file that parses to an equal Scenario. The property runner uses
 * it to export a shrunk counterexample as a regression scenario: the schedule replaced by the
 * failing one, the generator removed. Configs are written as Kafka's names, only where they
 * differ from what the file would otherwise get (Kafka's defaults; a topic's broker defaults).
 */
import { CHECK_NAMES } from "../checkers/violation";
import { Document, isMap, isSeq, type Node } from "yaml";
import { brokerConfigToKafka } from "../config/brokerConfig";
import { CONSUMER_CONFIG_DEFS, DEFAULT_CONSUMER_CONFIG } from "../config/consumerConfig";
import { configToKafkaEntries } from "../config/configTable";
import { producerConfigToKafka } from "../config/producerConfig";
import { topicConfigToKafka } from "../config/topicConfig";
import { autoCommitFor } from "./buildScenario";
import type { FaultSpec, GenerateSpec } from "./faultSpec";
import type { ConsumerSpec, Expectation, Scenario, SwarmSpec } from "./scenario";

export interface ScenarioOverrides {
  readonly name?: string;
  readonly description?: string;
  readonly schedule?: readonly FaultSpec[];
  /** null removes the generator. */
  readonly generate?: GenerateSpec | null;
  readonly expect?: Expectation;
  readonly runs?: number;
  /** Pins the simulation seed. */
  readonly seed?: number;
  /** null removes the swarm block. */
  readonly swarm?: SwarmSpec | null;
  /** A comment written at the top of the file (e.g. how the counterexample was found). */
  readonly header?: string;
}

type Data = Record<string, unknown>;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** Leaves out a config block with nothing to say. */
function withConfig(entry: Data, config: Data): Data {
  return Object.keys(config).length === 0 ? entry : { ...entry, config };
}

function consumerData(consumer: ConsumerSpec): Data {
  // enable.auto.commit is implied by the strategy; write it only where it departs from that.
  const base = { ...DEFAULT_CONSUMER_CONFIG, enableAutoCommit: autoCommitFor(consumer.strategy) };
  const config = configToKafkaEntries(CONSUMER_CONFIG_DEFS, consumer.config, base);
  const { group, instances, topics, strategy, processingMs } = consumer;
  return withConfig({ group, instances, topics: [...topics], strategy, processingMs }, config);
}

function expectData(expect: Expectation): unknown {
  return expect.kind === "hold" ? "hold" : { violate: [...expect.checks] };
}

function faultsData(scenario: Scenario, overrides: ScenarioOverrides): Data {
  const schedule = overrides.schedule ?? scenario.faults.schedule;
  const generate = overrides.generate === undefined ? scenario.faults.generate : overrides.generate;
  return generate === null || generate === undefined ? { schedule } : { schedule, generate };
}

/** The scenario as plain data in the file's layout. */
export function scenarioToData(scenario: Scenario, overrides: ScenarioOverrides = {}): Data {
  const broker = brokerConfigToKafka(scenario.cluster.broker);
  const swarm = overrides.swarm === undefined ? scenario.swarm : overrides.swarm;
  const description = overrides.description ?? scenario.description;
  return structuredClone({
    name: overrides.name ?? scenario.name,
    ...(description === "" ? {} : { description }),
    cluster: { brokers: scenario.cluster.brokers, ...(Object.keys(broker).length === 0 ? {} : { broker }) },
    topics: scenario.topics.map((topic) =>
      withConfig(
        { name: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor },
        topicConfigToKafka(topic.config, scenario.cluster.broker),
      ),
    ),
    network: scenario.network,
    producers: scenario.producers.map((producer) => ({
      ...withConfig(
        { id: producer.id, instances: producer.instances },
        producerConfigToKafka(producer.config),
      ),
      workload: producer.workload,
    })),
    consumers: scenario.consumers.map(consumerData),
    faults: faultsData(scenario, overrides),
    phases: scenario.phases,
    ...(sameList(scenario.checks, CHECK_NAMES) ? {} : { checks: [...scenario.checks] }),
    expect: expectData(overrides.expect ?? scenario.expect),
    runs: overrides.runs ?? scenario.runs,
    ...((overrides.seed ?? scenario.seed) === undefined ? {} : { seed: overrides.seed ?? scenario.seed }),
    ...(swarm === null || swarm === undefined ? {} : { swarm }),
  });
}

const SHORT_LIST_CHARS_MAX = 100;

function isLeaf(node: unknown): boolean {
  return !isMap(node) && !isSeq(node);
}

/** A list of scalars, or of such lists (partition groups). */
function isScalarList(node: unknown): boolean {
  return isSeq(node) && node.items.every((item) => isLeaf(item) || isScalarList(item));
}

/** A scalar list that fits comfortably on one line. */
function isShortList(node: unknown): boolean {
  return isScalarList(node) && String(node).length <= SHORT_LIST_CHARS_MAX;
}

/** A mapping of scalars and scalar lists. */
function isFlatMap(node: unknown): boolean {
  return isMap(node) && node.items.every((pair) => isLeaf(pair.value) || isScalarList(pair.value));
}

/**
 * Small mappings and lists read best on one line, as scenario-format.md writes them; so does each
 * fault of a schedule. Top-level sections stay in block style.
 */
function setFlow(node: unknown, depth: number, inSchedule = false): void {
  if (isLeaf(node)) return;
  const flow = isShortList(node) || (depth >= 2 && isMap(node) && (inSchedule || isFlatMap(node)));
  if (flow) {
    (node as Node & { flow?: boolean }).flow = true;
    return;
  }
  if (isSeq(node)) for (const item of node.items) setFlow(item, depth + 1, inSchedule);
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      setFlow(pair.value, depth + 1, depth === 1 && key === "schedule");
    }
  }
}

export function scenarioToYaml(scenario: Scenario, overrides: ScenarioOverrides = {}): string {
  const doc = new Document(scenarioToData(scenario, overrides));
  setFlow(doc.contents, 0);
  if (overrides.header !== undefined) doc.commentBefore = ` ${overrides.header.split("\n").join("\n ")}`;
  return doc.toString({ lineWidth: 110 });
}
