/**
 * The four kinds of config block, read straight from the file's data so that config errors are
 * reported even when the rest of the file has structural errors. Each block's issues come back
 * with paths the YAML locator understands (the config key as one segment).
 */
import { parseBrokerConfig, type BrokerConfig } from "../config/brokerConfig";
import type { ConfigIssue } from "../config/configIssue";
import { parseConsumerConfig, type ConsumerConfig } from "../config/consumerConfig";
import { parseProducerConfig, type ProducerConfig } from "../config/producerConfig";
import { parseTopicConfig, type TopicConfig } from "../config/topicConfig";
import { formatPath, type PathSegment, type PendingIssue } from "./issuePath";

export interface ParsedBlock<C> {
  readonly config: C;
  /** Kafka names the file sets explicitly. */
  readonly setKeys: ReadonlySet<string>;
}

export interface ConfigBlocks {
  readonly broker: ParsedBlock<BrokerConfig>;
  /** Indexed like the file's lists (defaults where an item has no config block). */
  readonly topics: readonly ParsedBlock<TopicConfig>[];
  readonly producers: readonly ParsedBlock<ProducerConfig>[];
  readonly consumers: readonly ParsedBlock<ConsumerConfig>[];
  readonly issues: readonly PendingIssue[];
  /** Silent adjustments Kafka would make (for reports), not errors. */
  readonly notes: readonly PendingIssue[];
}

function field(data: unknown, key: string): unknown {
  return typeof data === "object" && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)[key]
    : undefined;
}

function items(data: unknown, key: string): unknown[] {
  const list = field(data, key);
  return Array.isArray(list) ? list : [];
}

/** `producers[0].config.acks` (a string) back to `["producers", 0, "config", "acks"]`. */
function toPending(prefix: readonly PathSegment[], issue: ConfigIssue): PendingIssue {
  const prefixText = formatPath(prefix);
  const rest = issue.path.startsWith(`${prefixText}.`) ? issue.path.slice(prefixText.length + 1) : undefined;
  const path = rest === undefined ? prefix : [...prefix, rest];
  return issue.at === undefined
    ? { path, message: issue.message }
    : { path, message: issue.message, at: issue.at };
}

export function parseConfigBlocks(data: unknown): ConfigBlocks {
  const issues: PendingIssue[] = [];
  const notes: PendingIssue[] = [];
  const collect = (
    prefix: readonly PathSegment[],
    errors: readonly ConfigIssue[],
    adjustments: readonly ConfigIssue[] = [],
  ) => {
    for (const error of errors) issues.push(toPending(prefix, error));
    for (const note of adjustments) notes.push(toPending(prefix, note));
  };

  const brokerPath = ["cluster", "broker"];
  const brokerParsed = parseBrokerConfig(field(field(data, "cluster"), "broker"), formatPath(brokerPath));
  collect(brokerPath, brokerParsed.errors);
  const broker = { config: brokerParsed.config, setKeys: brokerParsed.setKeys };

  const topics = items(data, "topics").map((topic, index) => {
    const path = ["topics", index, "config"];
    const parsed = parseTopicConfig(field(topic, "config"), formatPath(path), brokerParsed.config);
    collect(path, parsed.errors);
    return { config: parsed.config, setKeys: parsed.setKeys };
  });
  const producers = items(data, "producers").map((producer, index) => {
    const path = ["producers", index, "config"];
    const parsed = parseProducerConfig(field(producer, "config"), formatPath(path));
    collect(path, parsed.errors, parsed.notes);
    return { config: parsed.config, setKeys: parsed.setKeys };
  });
  const consumers = items(data, "consumers").map((consumer, index) => {
    const path = ["consumers", index, "config"];
    const parsed = parseConsumerConfig(field(consumer, "config"), formatPath(path));
    collect(path, parsed.errors);
    return { config: parsed.config, setKeys: parsed.setKeys };
  });
  return { broker, topics, producers, consumers, issues, notes };
}
