/**
 * Replica placement as Kafka does it without racks: partition p of a topic gets replicas
 * starting at broker (start + p) mod n, the rest following in order, so leaders spread evenly.
 * The start index comes from the seed, as Kafka's is random.
 */
export function assignReplicas(
  brokerIds: readonly string[],
  partitions: number,
  replicationFactor: number,
  startIndex: number,
): string[][] {
  const brokerCount = brokerIds.length;
  const assignment: string[][] = [];
  for (let p = 0; p < partitions; p++) {
    const replicas: string[] = [];
    for (let r = 0; r < replicationFactor; r++) replicas.push(brokerIds[(startIndex + p + r) % brokerCount]!);
    assignment.push(replicas);
  }
  return assignment;
}
