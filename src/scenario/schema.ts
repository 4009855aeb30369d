/**
 * The shape of a scenario file, as zod schemas: types, ranges, required fields, defaults, unknown
 * keys. Config blocks pass through untouched (the config tables parse them), and rules that relate
 * one field to another live in the rules/ files, which run once the shape is right.
 */
import { z } from "zod";
import { PARTITIONS_MAX } from "../config/brokerConfig";
import { CHECK_SPECS, type CheckSpec } from "./checkSpec";
import { CRASH_MODES, GENERATE_KINDS, GENERATE_TARGETS } from "./faultSpec";
import { CONSUMER_STRATEGIES, SCENARIO_DEFAULTS } from "./scenario";

// Bounds: a simulation is only as useful as it is quick, and a typo of 30000 brokers should say so
// rather than run out of memory.
export const BROKERS_MAX = 64;
export const INSTANCES_MAX = 64;
export { PARTITIONS_MAX };
export const MESSAGES_MAX = 10_000_000;
export const RUNS_MAX = 1_000_000;
export const GENERATED_FAULTS_MAX = 1000;
/**
 * One simulated hour per phase: far beyond any fault story (the shipped scenarios use at most a
 * minute), yet short enough that a run ends in seconds rather than hitting the event bound and
 * reporting the cluster for a phase that never ends.
 */
export const PHASE_MS_MAX = 3_600_000;

/** Kafka's legal topic-name characters; ids and group names become node names, so the same. */
const NAME_PATTERN = /^[A-Za-z0-9._-]+$/;
const NAME_RULE = "use letters, digits, '.', '_' and '-' only";

const name = z.string().min(1).max(249).regex(NAME_PATTERN, { error: NAME_RULE });
const millis = z.int().min(0);
const probability = z.number().min(0).max(1);
const latencyRange = z.strictObject({ min: millis, max: millis });
const nodeName = z.string().min(1);

const crash = z.strictObject({
  at: millis,
  kind: z.literal("crash"),
  node: nodeName,
  mode: z.enum(CRASH_MODES).default(SCENARIO_DEFAULTS.crashMode),
});
const restart = z.strictObject({ at: millis, kind: z.literal("restart"), node: nodeName });
const partition = z.strictObject({
  at: millis,
  kind: z.literal("partition"),
  groups: z.array(z.array(nodeName).min(1)).min(2),
});
const partitionOneWay = z.strictObject({
  at: millis,
  kind: z.literal("partition-oneway"),
  from: nodeName,
  to: nodeName,
});
const heal = z.strictObject({ at: millis, kind: z.literal("heal") });
const pause = z.strictObject({
  at: millis,
  kind: z.literal("pause"),
  node: nodeName,
  durationMs: z.int().min(1),
});
const link = z.strictObject({
  at: millis,
  kind: z.literal("link"),
  from: nodeName,
  to: nodeName,
  loss: probability.optional(),
  latencyMs: latencyRange.optional(),
  duplicate: probability.optional(),
  durationMs: z.int().min(1),
});

export const faultSchema = z.discriminatedUnion("kind", [
  crash,
  restart,
  partition,
  partitionOneWay,
  heal,
  pause,
  link,
]);

const generate = z.strictObject({
  count: z
    .strictObject({
      min: z.int().min(0).max(GENERATED_FAULTS_MAX),
      max: z.int().min(0).max(GENERATED_FAULTS_MAX),
    })
    .default(SCENARIO_DEFAULTS.generateCount),
  kinds: z
    .array(z.enum(GENERATE_KINDS))
    .min(1)
    .default([...GENERATE_KINDS]),
  /** Absent: every kind of node the scenario has. */
  targets: z.array(z.enum(GENERATE_TARGETS)).min(1).optional(),
  /** Absent: the whole chaos phase. */
  windowMs: z.strictObject({ from: millis, to: millis }).optional(),
});

const topic = z.strictObject({
  name,
  /** Absent: the broker's num.partitions. */
  partitions: z.int().min(1).max(PARTITIONS_MAX).optional(),
  /** Absent: the broker's default.replication.factor. */
  replicationFactor: z.int().min(1).optional(),
  config: z.unknown().optional(),
});

const workload = z.strictObject({
  topic: z.string().min(1),
  messages: z.int().min(1).max(MESSAGES_MAX),
  ratePerSec: z.number().positive().max(1_000_000).default(SCENARIO_DEFAULTS.workloadRatePerSec),
  keys: z.int().min(0).max(MESSAGES_MAX).default(SCENARIO_DEFAULTS.workloadKeys),
});

const producer = z.strictObject({
  id: name,
  instances: z.int().min(1).max(INSTANCES_MAX).default(SCENARIO_DEFAULTS.instances),
  config: z.unknown().optional(),
  workload,
});

const consumer = z.strictObject({
  group: name,
  instances: z.int().min(1).max(INSTANCES_MAX).default(SCENARIO_DEFAULTS.instances),
  topics: z.array(z.string().min(1)).min(1),
  strategy: z.enum(CONSUMER_STRATEGIES).default(SCENARIO_DEFAULTS.consumerStrategy),
  processingMs: millis.default(SCENARIO_DEFAULTS.processingMs),
  config: z.unknown().optional(),
});

const checkSpec = z.enum(CHECK_SPECS as readonly [CheckSpec, ...CheckSpec[]]);

const expectation = z.union([z.literal("hold"), z.strictObject({ violate: z.array(checkSpec).min(1) })], {
  error: "expected hold or { violate: [check, …] }",
});

export const scenarioSchema = z.strictObject({
  name,
  description: z.string().default(SCENARIO_DEFAULTS.description),
  cluster: z
    .strictObject({
      brokers: z.int().min(1).max(BROKERS_MAX).default(SCENARIO_DEFAULTS.brokers),
      broker: z.unknown().optional(),
    })
    .prefault({}),
  topics: z.array(topic).min(1),
  network: z
    .strictObject({
      latencyMs: latencyRange.default(SCENARIO_DEFAULTS.network.latencyMs),
      loss: probability.default(SCENARIO_DEFAULTS.network.loss),
      duplicate: probability.default(SCENARIO_DEFAULTS.network.duplicate),
    })
    .prefault({}),
  producers: z.array(producer).default([]),
  consumers: z.array(consumer).default([]),
  faults: z
    .strictObject({ schedule: z.array(faultSchema).default([]), generate: generate.optional() })
    .prefault({}),
  phases: z
    .strictObject({
      chaosMs: millis.max(PHASE_MS_MAX).default(SCENARIO_DEFAULTS.phases.chaosMs),
      healMs: millis.max(PHASE_MS_MAX).default(SCENARIO_DEFAULTS.phases.healMs),
      drainMs: z.int().min(1).max(PHASE_MS_MAX).default(SCENARIO_DEFAULTS.phases.drainMs),
    })
    .prefault({}),
  /** Absent: every check. */
  checks: z.array(checkSpec).min(1).optional(),
  expect: expectation.default("hold"),
  runs: z.int().min(1).max(RUNS_MAX).default(SCENARIO_DEFAULTS.runs),
  /** Pins the simulation seed for every run (regression scenarios replay their counterexample exactly). */
  seed: z.int().min(0).max(0x7fffffff).optional(),
  swarm: z.record(z.string(), z.array(z.unknown()).min(1)).optional(),
});

export type ScenarioInput = z.output<typeof scenarioSchema>;
export type FaultInput = z.output<typeof faultSchema>;
