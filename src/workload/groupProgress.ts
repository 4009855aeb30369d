/**
 * How far each consumer group got: fed the history as it streams, it keeps per (group, partition)
 * the furthest offset the group is done with — one past the highest offset it processed, the
 * highest offset it committed ok, or the offset an owner resumed at, whichever is furthest (a group
 * that committed past records it then lost to a crash still reached them: the loss is what the
 * checkers should see; a group that auto.offset.reset=latest started at the log end is there,
 * though it had nothing to process or commit). Given the final end offsets, a group `reachedEnd`
 * when it got to the end of every partition of its topics.
 */
import type { GroupAtEnd } from "../checkers/historyChecker";
import type { HistorySink } from "../history/recorder";
import type { HistoryOp, OffsetAt } from "../history/types";
import { partitionName } from "../history/types";

export interface GroupSubscription {
  readonly name: string;
  readonly topics: readonly string[];
}

export class GroupProgress implements HistorySink {
  /** Group → partition name → offset the group is done up to (exclusive). */
  private readonly doneUpTo = new Map<string, Map<string, number>>();

  append(op: HistoryOp): void {
    if (op.f === "process") {
      this.advance(op.group, partitionName(op.record), op.record.offset + 1);
    } else if (op.f === "commit" && op.type === "ok") {
      for (const at of op.offsets) this.advance(op.group, partitionName(at), at.offset);
    } else if (op.f === "resume") {
      this.advance(op.group, partitionName(op), op.offset);
    }
  }

  /** The offset `group` is done with in `partition` (0 if it did nothing there). */
  progress(group: string, partition: string): number {
    return this.doneUpTo.get(group)?.get(partition) ?? 0;
  }

  /** `endOffsets` must list every partition of the groups' topics (the drain's final ends); a negative (unknown) end is never reached. */
  reachedEnd(groups: readonly GroupSubscription[], endOffsets: readonly OffsetAt[]): GroupAtEnd[] {
    return groups.map((group) => ({
      name: group.name,
      topics: group.topics,
      reachedEnd: endOffsets
        .filter((end) => group.topics.includes(end.topic))
        .every((end) => end.offset >= 0 && this.progress(group.name, partitionName(end)) >= end.offset),
    }));
  }

  private advance(group: string, partition: string, offset: number): void {
    let byPartition = this.doneUpTo.get(group);
    if (byPartition === undefined) this.doneUpTo.set(group, (byPartition = new Map()));
    byPartition.set(partition, Math.max(offset, byPartition.get(partition) ?? 0));
  }
}
