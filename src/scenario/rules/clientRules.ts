/**
 * Producer and consumer rules: unique ids and group names (they become node names), topics that
 * exist, and a session timeout the brokers' group coordinator would accept.
 */
import { didYouMean } from "../../config/didYouMean";
import type { PendingIssue } from "../issuePath";
import { duplicateNames, nameHint, type Rule } from "./ruleContext";

const producerIdsUnique: Rule = ({ scenario }) =>
  duplicateNames(
    scenario.producers.map((producer) => producer.id),
    (index) => ["producers", index, "id"],
    "producer id",
  );

const groupNamesUnique: Rule = ({ scenario }) =>
  duplicateNames(
    scenario.consumers.map((consumer) => consumer.group),
    (index) => ["consumers", index, "group"],
    "consumer group",
  );

function unknownTopicMessage(topic: string, known: readonly string[]): string {
  return `unknown topic "${topic}"${nameHint(didYouMean(topic, known), "topics", known)}`;
}

const workloadTopicsExist: Rule = ({ scenario }) => {
  const known = scenario.topics.map((topic) => topic.name);
  const issues: PendingIssue[] = [];
  scenario.producers.forEach((producer, index) => {
    const topic = producer.workload.topic;
    if (!known.includes(topic)) {
      issues.push({
        path: ["producers", index, "workload", "topic"],
        message: unknownTopicMessage(topic, known),
      });
    }
  });
  return issues;
};

const consumerTopicsExist: Rule = ({ scenario }) => {
  const known = scenario.topics.map((topic) => topic.name);
  const issues: PendingIssue[] = [];
  scenario.consumers.forEach((consumer, index) => {
    consumer.topics.forEach((topic, topicIndex) => {
      const path = ["consumers", index, "topics", topicIndex];
      if (!known.includes(topic)) issues.push({ path, message: unknownTopicMessage(topic, known) });
      else if (consumer.topics.indexOf(topic) !== topicIndex)
        issues.push({ path, message: `topic "${topic}" is listed twice` });
    });
  });
  return issues;
};

/** The coordinator answers INVALID_SESSION_TIMEOUT outside [group.min, group.max]: the member never joins. */
const sessionTimeoutAccepted: Rule = ({ scenario, blocks }) => {
  const { groupMinSessionTimeoutMs: minMs, groupMaxSessionTimeoutMs: maxMs } = scenario.cluster.broker;
  const issues: PendingIssue[] = [];
  scenario.consumers.forEach((consumer, index) => {
    const sessionTimeoutMs = consumer.config.sessionTimeoutMs;
    if (sessionTimeoutMs >= minMs && sessionTimeoutMs <= maxMs) return;
    const explicit = blocks.consumers[index]?.setKeys.has("session.timeout.ms") ?? false;
    issues.push({
      path: explicit ? ["consumers", index, "config", "session.timeout.ms"] : ["cluster", "broker"],
      message:
        `session.timeout.ms ${sessionTimeoutMs} is outside the brokers' group.min.session.timeout.ms..` +
        `group.max.session.timeout.ms (${minMs}..${maxMs}); every JoinGroup would fail with INVALID_SESSION_TIMEOUT`,
    });
  });
  return issues;
};

export const CLIENT_RULES: readonly Rule[] = [
  producerIdsUnique,
  groupNamesUnique,
  workloadTopicsExist,
  consumerTopicsExist,
  sessionTimeoutAccepted,
];
