/**
 * Producer client configs, with Kafka 4's defaults and Kafka's own cross-key rules
 * (ProducerConfig.postProcessAndValidateIdempotenceConfigs and KafkaProducer's delivery-timeout
 * check): an explicit `enable.idempotence: true` that conflicts with acks or retries is an error,
 * while the *default* idempotence is silently switched off by such a conflict — the effective
 * config records the switch. More than 5 in flight with idempotence on is an error either way,
 * as it has been since Kafka 4.0.
 */
import { configKeyPath, type ConfigIssue } from "./configIssue";
import {
  booleanKey,
  describeRaw,
  enumKey,
  intKey,
  longKey,
  type ConfigKeyDef,
  type ConfigYamlValue,
} from "./configKey";
import {
  configToKafkaEntries,
  defaultsOf,
  parseConfigTable,
  type ConfigDefs,
  type ParsedConfig,
} from "./configTable";

export type Acks = "all" | "1" | "0";

export const PARTITIONERS = ["default", "murmur2", "round-robin", "sticky"] as const;
/** ksim's stand-in for partitioner.class; "default" hashes keys with murmur2 and is sticky for null keys. */
export type PartitionerKind = (typeof PARTITIONERS)[number];

/** The idempotent producer keeps at most this many batches in flight per connection. */
export const MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

export interface ProducerConfig {
  readonly acks: Acks;
  /** Effective: false when Kafka would have switched the default off (see the file comment). */
  readonly enableIdempotence: boolean;
  readonly maxInFlightRequestsPerConnection: number;
  readonly retries: number;
  readonly retryBackoffMs: number;
  readonly deliveryTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly batchSizeBytes: number;
  readonly lingerMs: number;
  readonly bufferMemoryBytes: number;
  readonly maxBlockMs: number;
  readonly metadataMaxAgeMs: number;
  readonly partitioner: PartitionerKind;
}

/** acks may be written all, -1, 1 or 0, as a number or a string; -1 is "all". */
const acksKey: ConfigKeyDef<Acks> = {
  name: "acks",
  type: "string",
  defaultValue: "all",
  allowed: "one of all | -1 | 1 | 0",
  doc: "Acknowledgements the leader waits for: 0 none, 1 its own append, all the whole ISR.",
  parse(raw) {
    const text = typeof raw === "number" || typeof raw === "string" ? String(raw).trim() : undefined;
    if (text === "all" || text === "-1") return { ok: true, value: "all" };
    if (text === "1" || text === "0") return { ok: true, value: text };
    return { ok: false, message: `expected one of all | -1 | 1 | 0, got ${describeRaw(raw)}` };
  },
  toYaml: (value) => (value === "all" ? "all" : Number(value)),
};

export const PRODUCER_CONFIG_DEFS: ConfigDefs<ProducerConfig> = {
  acks: acksKey,
  enableIdempotence: booleanKey(
    "enable.idempotence",
    true,
    "Producer id + per-partition sequence numbers, so the broker drops retried duplicates.",
  ),
  maxInFlightRequestsPerConnection: intKey(
    "max.in.flight.requests.per.connection",
    5,
    "Unacknowledged produce requests per broker connection; idempotence requires at most 5.",
    { min: 1 },
  ),
  retries: intKey("retries", 2147483647, "Retries of a failed batch (bounded by delivery.timeout.ms).", {
    min: 0,
  }),
  retryBackoffMs: longKey("retry.backoff.ms", 100, "Pause before retrying a failed request.", { min: 0 }),
  deliveryTimeoutMs: intKey(
    "delivery.timeout.ms",
    120000,
    "Upper bound from send() to success or failure, retries included; ≥ linger.ms + request.timeout.ms.",
    { min: 0 },
  ),
  requestTimeoutMs: intKey("request.timeout.ms", 30000, "How long to wait for a broker's response.", {
    min: 0,
  }),
  batchSizeBytes: intKey("batch.size", 16384, "Bytes per partition batch before it is sent.", { min: 0 }),
  lingerMs: longKey("linger.ms", 5, "How long a batch waits for more records before it is sent.", { min: 0 }),
  bufferMemoryBytes: longKey(
    "buffer.memory",
    33554432,
    "Bytes of unsent records the producer holds; when full, send() blocks up to max.block.ms.",
    { min: 0 },
  ),
  maxBlockMs: longKey(
    "max.block.ms",
    60000,
    "The longest send() blocks on a full buffer or missing metadata.",
    {
      min: 0,
    },
  ),
  metadataMaxAgeMs: longKey("metadata.max.age.ms", 300000, "Refresh metadata at least this often.", {
    min: 0,
  }),
  partitioner: enumKey(
    "partitioner",
    PARTITIONERS,
    "default",
    "ksim: default = murmur2 for keyed records, sticky for null keys; or force one strategy.",
  ),
};

export const DEFAULT_PRODUCER_CONFIG: ProducerConfig = defaultsOf(PRODUCER_CONFIG_DEFS);

export interface ParsedProducerConfig extends ParsedConfig<ProducerConfig> {
  /** Adjustments Kafka makes silently (and logs): idempotence switched off, delivery timeout raised. */
  readonly notes: ConfigIssue[];
}

interface Conflict {
  readonly key: string;
  /** Kafka's ConfigException message, word for word. */
  readonly kafkaMessage: string;
  readonly reason: string;
}

function idempotenceConflicts(config: ProducerConfig): Conflict[] {
  const conflicts: Conflict[] = [];
  if (config.retries === 0) {
    conflicts.push({
      key: "retries",
      kafkaMessage: "Must set retries to non-zero when using the idempotent producer.",
      reason: "retries is 0",
    });
  }
  if (config.acks !== "all") {
    conflicts.push({
      key: "acks",
      kafkaMessage:
        "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.",
      reason: `acks is ${config.acks}, not all`,
    });
  }
  return conflicts;
}

/** Kafka's idempotence rules, in Kafka's order; returns the effective enable.idempotence. */
function resolveIdempotence(
  parsed: ParsedConfig<ProducerConfig>,
  path: string,
  notes: ConfigIssue[],
): boolean {
  const { config, setKeys, errors } = parsed;
  if (!config.enableIdempotence) return false;
  const explicit = setKeys.has("enable.idempotence");
  const conflicts = idempotenceConflicts(config);
  for (const conflict of conflicts) {
    if (explicit) {
      errors.push({
        path: configKeyPath(path, conflict.key),
        message: `${conflict.kafkaMessage} (enable.idempotence is set to true)`,
      });
    } else {
      notes.push({
        path: configKeyPath(path, "enable.idempotence"),
        message: `idempotence disabled because ${conflict.reason} and enable.idempotence was not set (as Kafka does)`,
      });
    }
  }
  const inFlight = config.maxInFlightRequestsPerConnection;
  if (inFlight > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
    const hint = explicit ? "" : " (enable.idempotence defaults to true; set it to false to allow more)";
    errors.push({
      path: configKeyPath(path, "max.in.flight.requests.per.connection"),
      message:
        `To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most ` +
        `${MAX_IN_FLIGHT_FOR_IDEMPOTENCE}. Current value is ${inFlight}.${hint}`,
    });
  }
  return explicit || conflicts.length === 0;
}

/** KafkaProducer.configureDeliveryTimeout; returns the effective delivery.timeout.ms. */
function resolveDeliveryTimeout(
  parsed: ParsedConfig<ProducerConfig>,
  path: string,
  notes: ConfigIssue[],
): number {
  const { config, setKeys, errors } = parsed;
  const floorMs = config.lingerMs + config.requestTimeoutMs;
  if (config.deliveryTimeoutMs >= floorMs) return config.deliveryTimeoutMs;
  const keyPath = configKeyPath(path, "delivery.timeout.ms");
  if (setKeys.has("delivery.timeout.ms")) {
    errors.push({
      path: keyPath,
      message:
        `delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms ` +
        `(${config.deliveryTimeoutMs} < ${config.lingerMs} + ${config.requestTimeoutMs})`,
    });
    return config.deliveryTimeoutMs;
  }
  notes.push({
    path: keyPath,
    message: `raised to linger.ms + request.timeout.ms = ${floorMs} (as Kafka does)`,
  });
  return floorMs;
}

export function parseProducerConfig(raw: unknown, path: string): ParsedProducerConfig {
  const parsed = parseConfigTable(PRODUCER_CONFIG_DEFS, raw, path, "producer", DEFAULT_PRODUCER_CONFIG);
  const notes: ConfigIssue[] = [];
  const enableIdempotence = resolveIdempotence(parsed, path, notes);
  const deliveryTimeoutMs = resolveDeliveryTimeout(parsed, path, notes);
  return { ...parsed, config: { ...parsed.config, enableIdempotence, deliveryTimeoutMs }, notes };
}

/** Keys Kafka derives from the others when they are not set. */
const DERIVED_KEYS = ["delivery.timeout.ms", "enable.idempotence"] as const;

function sameConfig(a: ProducerConfig, b: ProducerConfig): boolean {
  return (Object.keys(a) as (keyof ProducerConfig)[]).every((field) => a[field] === b[field]);
}

/**
 * The entries that differ from Kafka's defaults, under Kafka's names. A derived key is left out
 * where Kafka would derive the same value, so that "not set" stays "not set": an exported
 * scenario then reacts to a changed linger.ms or acks as the original did.
 */
export function producerConfigToKafka(config: ProducerConfig): Record<string, ConfigYamlValue> {
  const entries = configToKafkaEntries(PRODUCER_CONFIG_DEFS, config, DEFAULT_PRODUCER_CONFIG);
  for (const key of DERIVED_KEYS) {
    if (!(key in entries)) continue;
    const { [key]: _derived, ...rest } = entries;
    const reparsed = parseProducerConfig(rest, "");
    if (reparsed.errors.length === 0 && sameConfig(reparsed.config, config)) delete entries[key];
  }
  return entries;
}
