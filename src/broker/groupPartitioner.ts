/**
 * Which partition of __consumer_offsets holds a group: Kafka's
 * `Utils.abs(groupId.hashCode) % offsets.topic.num.partitions`, bit-for-bit with Java's
 * String.hashCode so a group lands where it would on a real cluster.
 */

/** Java's String.hashCode: s[0]·31^(n-1) + … + s[n-1] over UTF-16 code units, in 32-bit arithmetic. */
export function javaStringHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** Kafka's Utils.abs: Integer.MIN_VALUE maps to 0 (Math.abs would overflow in Java). */
export function kafkaAbs(value: number): number {
  return value === -0x80000000 ? 0 : Math.abs(value);
}

export function partitionForGroup(groupId: string, offsetsTopicNumPartitions: number): number {
  return kafkaAbs(javaStringHashCode(groupId)) % offsetsTopicNumPartitions;
}
