/**
 * Which messages concern a partition: a message names it either at its top level (`topic` and
 * `partition`, as AlterPartition does) or in a `partitions` list (Produce, Fetch, ListOffsets and
 * their responses). Metadata images, which name every partition, do not count.
 */
import type { TraceEvent } from "../../kernel/trace";
import { fieldOf } from "./traceFields";

/** "orders-0" as topic and index (the topic may itself contain dashes). */
export interface PartitionRef {
  readonly key: string;
  readonly topic: string;
  readonly partition: number;
}

export function parsePartitionKey(key: string): PartitionRef | undefined {
  const match = /^(.+)-(\d+)$/.exec(key);
  if (match === null || match[1] === undefined || match[2] === undefined) return undefined;
  return { key, topic: match[1], partition: Number(match[2]) };
}

export function messageMentions(event: TraceEvent, partitions: readonly PartitionRef[]): boolean {
  if (partitions.length === 0) return false;
  if (namesOne(event.detail, partitions)) return true;
  const list = fieldOf(event, "partitions");
  return Array.isArray(list) && list.some((entry: unknown) => namesOne(entry, partitions));
}

function namesOne(value: unknown, partitions: readonly PartitionRef[]): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { topic, partition } = value as { topic?: unknown; partition?: unknown };
  if (typeof topic !== "string" || typeof partition !== "number") return false;
  return partitions.some((ref) => ref.topic === topic && ref.partition === partition);
}
