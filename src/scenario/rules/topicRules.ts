/**
 * Topic rules Kafka enforces when a topic is created, or that would make every write fail:
 * unique, legal names (the schema checks their characters and length), replication factor within
 * the broker count, min.insync.replicas within the replication factor (for the offsets topic too,
 * when consumers commit), and retention that cannot act while the run lasts.
 */
import type { PendingIssue } from "../issuePath";
import { duplicateNames, type Rule } from "./ruleContext";

const topicNamesUnique: Rule = ({ scenario }) =>
  duplicateNames(
    scenario.topics.map((topic) => topic.name),
    (index) => ["topics", index, "name"],
    "topic",
  );

/** Kafka's Topic.INTERNAL_TOPICS: the brokers create these themselves. */
const INTERNAL_TOPICS = ["__consumer_offsets", "__transaction_state"];

/** Kafka's Topic.validate beyond characters and length, and its refusal to create internal topics. */
function illegalNameMessage(name: string): string | undefined {
  if (name === "." || name === "..")
    return `topic name cannot be "." or ".." (Kafka's InvalidTopicException)`;
  if (INTERNAL_TOPICS.includes(name))
    return `"${name}" is one of Kafka's internal topics, which the brokers create and own; choose another name`;
  return undefined;
}

/** Kafka's Topic.hasCollision: '.' and '_' become the same character in metric names. */
function metricName(topic: string): string {
  return topic.replace(/\./g, "_");
}

const topicNamesLegal: Rule = ({ scenario }) => {
  const issues: PendingIssue[] = [];
  const firstByMetricName = new Map<string, string>();
  scenario.topics.forEach((topic, index) => {
    const path = ["topics", index, "name"];
    const illegal = illegalNameMessage(topic.name);
    if (illegal !== undefined) issues.push({ path, message: illegal });
    const earlier = firstByMetricName.get(metricName(topic.name));
    if (earlier === undefined) firstByMetricName.set(metricName(topic.name), topic.name);
    else if (earlier !== topic.name)
      issues.push({
        path,
        message:
          `topic "${topic.name}" collides with topic "${earlier}": Kafka treats '.' and '_' alike in ` +
          `metric names and rejects the second (InvalidTopicException)`,
      });
  });
  return issues;
};

const replicationWithinBrokers: Rule = ({ scenario }) => {
  const brokers = scenario.cluster.brokers;
  const issues: PendingIssue[] = [];
  scenario.topics.forEach((topic, index) => {
    if (topic.replicationFactor <= brokers) return;
    issues.push({
      path: ["topics", index, "replicationFactor"],
      message:
        `replicationFactor ${topic.replicationFactor} is more than the ${brokers} broker${brokers === 1 ? "" : "s"} ` +
        `(cluster.brokers); Kafka rejects the topic with INVALID_REPLICATION_FACTOR`,
    });
  });
  return issues;
};

const minInsyncWithinReplication: Rule = ({ scenario, blocks }) => {
  const issues: PendingIssue[] = [];
  scenario.topics.forEach((topic, index) => {
    const minInsync = topic.config.minInsyncReplicas;
    if (minInsync <= topic.replicationFactor) return;
    const overridden = blocks.topics[index]?.setKeys.has("min.insync.replicas") ?? false;
    issues.push({
      path: overridden
        ? ["topics", index, "config", "min.insync.replicas"]
        : ["cluster", "broker", "min.insync.replicas"],
      message:
        `min.insync.replicas ${minInsync} is more than topic "${topic.name}"'s replicationFactor ` +
        `${topic.replicationFactor}; every acks=all produce would fail with NOT_ENOUGH_REPLICAS`,
    });
  });
  return issues;
};

/** Offset commits are acks=all writes to __consumer_offsets, whose RF is capped by the broker count. */
const offsetsTopicWritable: Rule = ({ scenario }) => {
  const { broker, brokers } = scenario.cluster;
  if (scenario.consumers.length === 0) return [];
  const offsetsReplicationFactor = Math.min(broker.offsetsTopicReplicationFactor, brokers);
  if (broker.minInsyncReplicas <= offsetsReplicationFactor) return [];
  return [
    {
      path: ["cluster", "broker", "min.insync.replicas"],
      message:
        `min.insync.replicas ${broker.minInsyncReplicas} is more than __consumer_offsets's replication factor ` +
        `${offsetsReplicationFactor} (offsets.topic.replication.factor capped by the broker count); ` +
        `every offset commit would fail`,
    },
  ];
};

/**
 * Every partition replica is a log, an epoch cache and fetch state in one process: a few dozen
 * KiB each. 60 topics of 1,024 partitions at RF 3 ran a run out of memory (a native crash), so the
 * cluster as a whole is bounded too, the offsets topic counted when consumers use it.
 */
export const PARTITION_REPLICAS_MAX = 12_288;

const partitionReplicasBounded: Rule = ({ scenario }) => {
  const { broker, brokers } = scenario.cluster;
  const offsetsReplicas =
    scenario.consumers.length === 0
      ? 0
      : broker.offsetsTopicNumPartitions * Math.min(broker.offsetsTopicReplicationFactor, brokers);
  const topicReplicas = scenario.topics.reduce((sum, topic) => sum + topic.partitions * topic.replicationFactor, 0);
  const total = topicReplicas + offsetsReplicas;
  if (total <= PARTITION_REPLICAS_MAX) return [];
  const offsets = offsetsReplicas === 0 ? "" : ` (${offsetsReplicas} of them __consumer_offsets's)`;
  return [
    {
      path: ["topics"],
      message:
        `the topics make ${total} partition replicas${offsets}, more than the ${PARTITION_REPLICAS_MAX} ` +
        `one simulation holds; use fewer topics or partitions, or a lower replicationFactor`,
    },
  ];
};

/**
 * The checkers judge every acknowledged write against the final log the drain reads. Records that
 * retention deletes during the run are gone from it by design, not lost, yet nothing in the history
 * could tell the two apart: every one would read as a lost write. So retention must not be able to
 * act before the run ends (a run lasts at most chaosMs + healMs + drainMs).
 */
const retentionOutlastsRun: Rule = ({ scenario }) => {
  const { chaosMs, healMs, drainMs } = scenario.phases;
  const runMs = chaosMs + healMs + drainMs;
  const issues: PendingIssue[] = [];
  scenario.topics.forEach((topic, index) => {
    const { retentionMs, retentionBytes } = topic.config;
    if (retentionMs >= 0 && retentionMs < runMs)
      issues.push({
        path: ["topics", index, "config", "retention.ms"],
        message:
          `retention.ms ${retentionMs} could delete records before the run ends (chaosMs + healMs + drainMs = ${runMs} ms), ` +
          `and the checkers would take every deleted record for a lost write; use at least ${runMs}, or -1`,
      });
    if (retentionBytes >= 0)
      issues.push({
        path: ["topics", index, "config", "retention.bytes"],
        message:
          `retention.bytes ${retentionBytes} could delete records during the run, and the checkers would take every ` +
          `deleted record for a lost write; use -1 (no size limit)`,
      });
  });
  return issues;
};

export const TOPIC_RULES: readonly Rule[] = [
  topicNamesUnique,
  topicNamesLegal,
  replicationWithinBrokers,
  minInsyncWithinReplication,
  offsetsTopicWritable,
  partitionReplicasBounded,
  retentionOutlastsRun,
];
