/**
 * From a file whose shape is right (the zod output) and its parsed config blocks to the fully
 * defaulted Scenario. Pure assembly; the rules that relate fields run on its result.
 */
import { CHECK_NAMES } from "../checkers/violation";
import type { ConsumerConfig } from "../config/consumerConfig";
import type { ConfigBlocks, ParsedBlock } from "./configBlocks";
import { GENERATE_TARGETS, type GenerateSpec, type GenerateTarget } from "./faultSpec";
import type { ScenarioInput } from "./schema";
import type { ConsumerSpec, ConsumerStrategy, Expectation, Scenario, SwarmSpec } from "./scenario";

export interface ScenarioSource {
  readonly sourcePath: string;
  readonly sourceText: string;
  readonly contentHash: string;
}

/**
 * The strategy decides how a consumer commits, so enable.auto.commit follows it (true only for
 * auto-commit) unless the file sets it; an explicit value wins, to let a scenario model a consumer
 * that commits manually with auto-commit still on.
 */
export function autoCommitFor(strategy: ConsumerStrategy): boolean {
  return strategy === "auto-commit";
}

function consumerConfig(strategy: ConsumerStrategy, block: ParsedBlock<ConsumerConfig>): ConsumerConfig {
  if (block.setKeys.has("enable.auto.commit")) return block.config;
  return { ...block.config, enableAutoCommit: autoCommitFor(strategy) };
}

function expectation(input: ScenarioInput["expect"]): Expectation {
  return input === "hold" ? { kind: "hold" } : { kind: "violate", checks: input.violate };
}

/** Without explicit targets a generator may hit every kind of node the scenario has. */
function defaultTargets(input: ScenarioInput): GenerateTarget[] {
  return GENERATE_TARGETS.filter(
    (target) =>
      (target !== "producers" || input.producers.length > 0) &&
      (target !== "consumers" || input.consumers.length > 0),
  );
}

function generateSpec(input: ScenarioInput): GenerateSpec | undefined {
  const generate = input.faults.generate;
  if (generate === undefined) return undefined;
  return {
    count: generate.count,
    kinds: generate.kinds,
    targets: generate.targets ?? defaultTargets(input),
    windowMs: generate.windowMs ?? { from: 0, to: input.phases.chaosMs },
  };
}

export function buildScenario(input: ScenarioInput, blocks: ConfigBlocks, source: ScenarioSource): Scenario {
  const broker = blocks.broker.config;
  const consumers = input.consumers.map((consumer, index): ConsumerSpec => ({
    group: consumer.group,
    instances: consumer.instances,
    topics: consumer.topics,
    strategy: consumer.strategy,
    processingMs: consumer.processingMs,
    config: consumerConfig(consumer.strategy, blocks.consumers[index]!),
  }));
  const generate = generateSpec(input);
  return {
    name: input.name,
    description: input.description,
    cluster: { brokers: input.cluster.brokers, broker },
    topics: input.topics.map((topic, index) => ({
      name: topic.name,
      partitions: topic.partitions ?? broker.numPartitions,
      replicationFactor: topic.replicationFactor ?? broker.defaultReplicationFactor,
      config: blocks.topics[index]!.config,
    })),
    network: input.network,
    producers: input.producers.map((producer, index) => ({
      id: producer.id,
      instances: producer.instances,
      config: blocks.producers[index]!.config,
      workload: producer.workload,
    })),
    consumers,
    faults:
      generate === undefined
        ? { schedule: input.faults.schedule }
        : { schedule: input.faults.schedule, generate },
    phases: input.phases,
    checks: input.checks ?? [...CHECK_NAMES],
    expect: expectation(input.expect),
    runs: input.runs,
    ...(input.seed === undefined ? {} : { seed: input.seed }),
    ...(input.swarm === undefined ? {} : { swarm: input.swarm as SwarmSpec }),
    ...source,
  };
}
