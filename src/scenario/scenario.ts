/**
 * A scenario after validation: every default filled in, every config effective. This is what the
 * cluster builder, the fault runner and the property runner read; none of them sees YAML.
 */
import type { BrokerConfig } from "../config/brokerConfig";
import type { ConsumerConfig } from "../config/consumerConfig";
import type { ProducerConfig } from "../config/producerConfig";
import type { TopicConfig } from "../config/topicConfig";
import type { CheckSpec } from "./checkSpec";
import type { FaultSpec, GenerateSpec, LatencyRangeMs } from "./faultSpec";

export const CONSUMER_STRATEGIES = [
  "process-then-commit",
  "commit-then-process",
  "auto-commit",
  "idempotent-sink",
] as const;
/**
 * commit-then-process: at-most-once; process-then-commit: at-least-once; auto-commit: Kafka's
 * default loop; idempotent-sink: a sink keyed by (topic, partition, offset), committing after.
 */
export type ConsumerStrategy = (typeof CONSUMER_STRATEGIES)[number];

export interface ClusterSpec {
  readonly brokers: number;
  readonly broker: BrokerConfig;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Effective: broker defaults overlaid by this topic's overrides. */
  readonly config: TopicConfig;
}

export interface NetworkSpec {
  /** Uniform per message, drawn from the seed. */
  readonly latencyMs: LatencyRangeMs;
  /** Probability a message is dropped. */
  readonly loss: number;
  /** Probability a message is delivered twice. */
  readonly duplicate: number;
}

export interface WorkloadSpec {
  readonly topic: string;
  /** Messages per producer instance. */
  readonly messages: number;
  /** Per producer instance. */
  readonly ratePerSec: number;
  /** Distinct keys; 0 sends every record without a key. */
  readonly keys: number;
}

export interface ProducerSpec {
  readonly id: string;
  readonly instances: number;
  readonly config: ProducerConfig;
  readonly workload: WorkloadSpec;
}

export interface ConsumerSpec {
  readonly group: string;
  readonly instances: number;
  readonly topics: readonly string[];
  readonly strategy: ConsumerStrategy;
  /** Simulated time one record takes to process. */
  readonly processingMs: number;
  /** Effective; enable.auto.commit follows the strategy unless the file sets it. */
  readonly config: ConsumerConfig;
}

export interface FaultsSpec {
  /** Runs exactly as written, in time order, for every seed. */
  readonly schedule: readonly FaultSpec[];
  /** When present, fast-check draws (and shrinks) more faults on top of the schedule. */
  readonly generate?: GenerateSpec;
}

export interface PhasesSpec {
  /** Faults happen in [0, chaosMs). */
  readonly chaosMs: number;
  /** Every fault is undone at the start of this phase. */
  readonly healMs: number;
  /** Producers stop and consumers read to the end; the convergence bound. */
  readonly drainMs: number;
}

export type Expectation =
  { readonly kind: "hold" } | { readonly kind: "violate"; readonly checks: readonly CheckSpec[] };

/** A YAML value as a swarm alternative may give it. */
export type SwarmValue =
  null | boolean | number | string | readonly SwarmValue[] | { readonly [key: string]: SwarmValue };

/**
 * Swarm testing: per path (`producers[0].config.acks`, `network.loss`), the alternatives the
 * property runner picks from on each run.
 */
export type SwarmSpec = Readonly<Record<string, readonly SwarmValue[]>>;

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly cluster: ClusterSpec;
  readonly topics: readonly TopicSpec[];
  readonly network: NetworkSpec;
  readonly producers: readonly ProducerSpec[];
  readonly consumers: readonly ConsumerSpec[];
  readonly faults: FaultsSpec;
  readonly phases: PhasesSpec;
  readonly checks: readonly CheckSpec[];
  readonly expect: Expectation;
  /** Default number of fast-check runs (the CLI can override). */
  readonly runs: number;
  /** Set: every run uses this simulation seed (a regression scenario's pinned counterexample). */
  readonly seed?: number;
  readonly swarm?: SwarmSpec;
  /** Set on a scenario made by withSwarmChoices: the alternatives picked for this run. */
  readonly swarmChoices?: Readonly<Record<string, SwarmValue>>;
  readonly sourcePath: string;
  readonly sourceText: string;
  /** sha256 of sourceText, hex. */
  readonly contentHash: string;
}

/**
 * Defaults where scenario-format.md is silent. Chosen so that a minimal file (a name, a topic, a
 * producer) runs a short, fault-free, fully checked scenario.
 */
export const SCENARIO_DEFAULTS = {
  description: "",
  /** Three brokers: the smallest cluster where RF 3 and a minority crash make sense. */
  brokers: 3,
  /** Same-datacentre latency; no loss or duplication unless asked for. */
  network: { latencyMs: { min: 1, max: 10 }, loss: 0, duplicate: 0 },
  instances: 1,
  workloadRatePerSec: 100,
  workloadKeys: 0,
  consumerStrategy: "process-then-commit",
  processingMs: 1,
  phases: { chaosMs: 20000, healMs: 5000, drainMs: 30000 },
  crashMode: "kill",
  generateCount: { min: 0, max: 10 },
  runs: 100,
} as const;
