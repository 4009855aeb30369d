/** What one consumer instance is told at construction: its group, what it reads, how it processes. */
import type { ConsumerConfig } from "../config/consumerConfig";
import type { Micros } from "../kernel/time";

/**
 * How the application loop processes and commits (the scenario's per-group `strategy`):
 * - commit-then-process: commit the batch's end offsets, then process it (at-most-once);
 * - process-then-commit: process every record, then commit (at-least-once);
 * - auto-commit: process; enable.auto.commit commits at a later poll (Kafka's default loop);
 * - idempotent-sink: process into a sink that ignores repeated (topic, partition, offset), then commit.
 */
export type ProcessingStrategy =
  "commit-then-process" | "process-then-commit" | "auto-commit" | "idempotent-sink";

export interface ConsumerSettings {
  readonly group: string;
  readonly topics: readonly string[];
  readonly strategy: ProcessingStrategy;
  /** Simulated time one record takes to process. */
  readonly processingMs: number;
  readonly config: ConsumerConfig;
  /** Bootstrap brokers: metadata and coordinator lookups go to these, in turn. */
  readonly brokerIds: readonly string[];
  /** The application closes the consumer (commit if auto-committing, LeaveGroup) at this time. */
  readonly stopAtUs: Micros;
}

