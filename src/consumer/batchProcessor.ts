/**
 * The application's work on one poll's records, per the group's processing strategy. Processing
 * one record takes processing.ms of simulated time (a timer), so a crash or a pause can land in
 * the middle of a batch — which is exactly where the strategies differ:
 * commit-then-process loses the rest of the batch, process-then-commit and auto-commit process
 * part of it again, idempotent-sink applies each record once.
 */
import type { HistoryRecorder } from "../history/recorder";
import type { OffsetAt, ReadRecord } from "../history/types";
import type { NodeContext } from "../kernel/node";
import type { ConsumerSink } from "../workload/consumerSink";
import type { ConsumerSettings } from "./consumerSettings";
import type { OffsetCommitter } from "./offsetCommitter";

export class BatchProcessor {
  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly settings: ConsumerSettings,
    private readonly recorder: HistoryRecorder,
    private readonly sink: ConsumerSink,
    private readonly committer: OffsetCommitter,
  ) {}

  /** Processes and commits `records` as the strategy says; `done` when the application would poll again. */
  handle(records: readonly ReadRecord[], generation: number, done: () => void): void {
    const commitThen = (next: () => void): void =>
      this.committer.commitSync(endOffsets(records), () => next());
    switch (this.settings.strategy) {
      case "commit-then-process":
        // At-most-once: only a commit known to be in place licenses processing.
        return this.committer.commitSync(endOffsets(records), (outcome) => {
          if (outcome === "ok") this.processAll(records, generation, done);
          else done();
        });
      case "process-then-commit":
      case "idempotent-sink":
        return this.processAll(records, generation, () => commitThen(done));
      case "auto-commit":
        return this.processAll(records, generation, done);
    }
  }

  private processAll(records: readonly ReadRecord[], generation: number, done: () => void, index = 0): void {
    const record = records[index];
    if (record === undefined) return done();
    this.ctx.setTimer(this.settings.processingMs, () => {
      const applied = this.sink.process(record);
      const { group } = this.settings;
      this.recorder.record({
        f: "process",
        type: "ok",
        client: this.ctx.id,
        id: this.recorder.newOpId(),
        group,
        generation,
        record,
        applied,
      });
      this.processAll(records, generation, done, index + 1);
    });
  }
}

/** Per partition, the offset after the batch's last record: what a commit of the batch says. */
export function endOffsets(records: readonly ReadRecord[]): OffsetAt[] {
  const byPartition = new Map<string, OffsetAt>();
  for (const record of records) {
    const key = `${record.topic}-${record.partition}`;
    const offset = Math.max(record.offset + 1, byPartition.get(key)?.offset ?? 0);
    byPartition.set(key, { topic: record.topic, partition: record.partition, offset });
  }
  return [...byPartition.values()];
}
