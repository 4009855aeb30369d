/**
 * committed-lost: a record that was once below a leader's high watermark is later missing, or
 * different, on the leader of that epoch or a later one. Committed values are remembered as leaders' HWs
 * advance; every new leader is checked against them as it takes over, and the final leaders at
 * the end of the run.
 */
import { formatSeconds } from "../../kernel/time";
import type { TraceEvent } from "../../kernel/trace";
import type { Violation } from "../violation";
import type { ClusterView, ReplicaView } from "./clusterView";
import { detailOf, type ReplicaInvariant } from "./replicaInvariant";

interface Committed {
  /** Value by offset; undefined below the first offset seen committed. */
  readonly values: (string | undefined)[];
  readonly committedBy: string[];
  /** The leader epoch in which each offset was first seen committed. */
  readonly committedInEpoch: number[];
  reported: boolean;
}

export class CommittedLost implements ReplicaInvariant {
  readonly name = "committed-lost" as const;
  readonly kinds = ["hw", "become-leader"];
  readonly violations: Violation[] = [];
  private readonly committed = new Map<string, Committed>();

  onEvent(event: TraceEvent, view: ClusterView): void {
    const detail = detailOf(event);
    const partition = String(detail.partition);
    if (event.kind === "hw" && detail.leader === true) {
      this.remember(partition, event.node, Number(detail.highWatermark), Number(detail.leaderEpoch), view);
    }
    if (event.kind === "become-leader") this.verify(partition, event.node, view, event.timeUs, event.index);
  }

  finish(view: ClusterView, timeUs: number, traceIndex: number): void {
    for (const partition of view.partitionNames()) {
      const leader = view.controllerState(partition)?.leader;
      if (leader) this.verify(partition, leader, view, timeUs, traceIndex);
    }
  }

  private remember(
    partition: string,
    broker: string,
    highWatermark: number,
    leaderEpoch: number,
    view: ClusterView,
  ): void {
    const replica = view.replica(broker, partition);
    if (replica === undefined) return;
    let committed = this.committed.get(partition);
    if (committed === undefined) {
      committed = { values: [], committedBy: [], committedInEpoch: [], reported: false };
      this.committed.set(partition, committed);
    }
    let offset = Math.max(committed.values.length, replica.logStartOffset);
    while (offset < highWatermark) {
      // Batch by batch: one lookup per batch rather than per offset.
      const batch = replica.batchAt(offset);
      const end = batch === undefined ? offset + 1 : Math.min(highWatermark, batch.baseOffset + batch.records.length);
      for (; offset < end; offset++) {
        committed.values[offset] = batch?.records[offset - batch.baseOffset]?.value;
        committed.committedBy[offset] = broker;
        committed.committedInEpoch[offset] = leaderEpoch;
      }
    }
  }

  private verify(
    partition: string,
    leader: string,
    view: ClusterView,
    timeUs: number,
    traceIndex: number,
  ): void {
    const committed = this.committed.get(partition);
    const replica = view.replica(leader, partition);
    if (committed === undefined || replica === undefined || committed.reported) return;
    const offset = firstMissing(committed, replica);
    if (offset === undefined) return;
    const expected = committed.values[offset]!;
    const actual = replica.valueAt(offset);
    committed.reported = true;
    const what = actual === undefined ? "does not hold it" : `holds ${actual} there instead`;
    this.violations.push({
      check: "committed-lost",
      partition,
      offsets: [offset],
      values: [expected],
      timeUs,
      traceIndex,
      message:
        `${expected} at offset ${offset} of ${partition} was committed (below ${committed.committedBy[offset]}'s high watermark), ` +
        `but ${leader}, leader in epoch ${replica.leaderEpoch} at ${formatSeconds(timeUs)}, ${what}`,
    });
  }
}

/**
 * The first committed offset that `leader` does not hold with its committed value, or undefined.
 * Walked batch by batch (one lookup per batch, as `remember` does), since every check at a
 * takeover and at the end walks the whole log.
 */
function firstMissing(committed: Committed, leader: ReplicaView): number | undefined {
  const end = committed.values.length;
  let offset = leader.logStartOffset;
  while (offset < end) {
    const batch = leader.batchAt(offset);
    const batchEnd = batch === undefined ? offset + 1 : Math.min(end, batch.baseOffset + batch.records.length);
    for (; offset < batchEnd; offset++) {
      const expected = committed.values[offset];
      // Only leaders of the epoch it was committed in, or later ones, must hold it: a stale
      // leader of an older epoch (one that slept through an election) is not bound by it.
      if (expected === undefined || committed.committedInEpoch[offset]! > leader.leaderEpoch) continue;
      if (batch?.records[offset - batch.baseOffset]?.value !== expected) return offset;
    }
  }
  return undefined;
}
