/**
 * Rejects cluster shapes Kafka itself would refuse, before anything runs: a replication factor
 * larger than the broker count, min.insync.replicas above the replication factor, and the like.
 */
import type { ClusterSpec } from "./clusterSpec";

export class ClusterSpecError extends Error {
  readonly exitCode = 2;

  constructor(readonly issues: readonly string[]) {
    super(issues.join("\n"));
    this.name = "ClusterSpecError";
  }
}

export function clusterSpecIssues(spec: ClusterSpec): string[] {
  const issues: string[] = [];
  if (!Number.isInteger(spec.brokers) || spec.brokers < 1) issues.push(`brokers: must be a whole number ≥ 1 (got ${spec.brokers})`);
  const names = new Set<string>();
  spec.topics.forEach((topic, i) => {
    const at = `topics[${i}] (${topic.name})`;
    if (names.has(topic.name)) issues.push(`${at}: duplicate topic name "${topic.name}"`);
    names.add(topic.name);
    if (!Number.isInteger(topic.partitions) || topic.partitions < 1) issues.push(`${at}.partitions: must be ≥ 1 (got ${topic.partitions})`);
    if (topic.replicationFactor < 1 || topic.replicationFactor > spec.brokers) {
      issues.push(`${at}.replicationFactor: ${topic.replicationFactor} is not allowed with ${spec.brokers} brokers (1..${spec.brokers})`);
    }
    if (topic.minInsyncReplicas < 1 || topic.minInsyncReplicas > topic.replicationFactor) {
      issues.push(
        `${at}.min.insync.replicas: ${topic.minInsyncReplicas} is not allowed with replicationFactor ${topic.replicationFactor} (1..${topic.replicationFactor})`,
      );
    }
  });
  return issues;
}

export function validateClusterSpec(spec: ClusterSpec): void {
  const issues = clusterSpecIssues(spec);
  if (issues.length > 0) throw new ClusterSpecError(issues);
}
