/**
 * Where a keyed record goes: `toPositive(murmur2(utf8(key))) % numPartitions`, as Kafka's
 * BuiltInPartitioner.partitionForKey and kafkajs's Java-compatible partitioner compute it.
 */
import { murmur2OfKey, toPositive } from "./murmur2";

export function partitionForKey(key: string, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new RangeError(`partitionForKey: numPartitions must be a positive integer, got ${numPartitions}`);
  }
  return toPositive(murmur2OfKey(key)) % numPartitions;
}
