/**
 * Hand-written histories that read like stories:
 *
 *   const h = new HistoryBuilder();
 *   const send = h.at(2.0).send("producer-p1-0", "orders-2", "p1-0-000042");
 *   h.at(2.31).ok(send, 17, { leader: "broker-1", epoch: 3 });
 *   h.at(5.0).drain([["orders-2", 16, "p1-0-000041"]]);
 *
 * Partitions are written "orders-2"; times in seconds; ids, indexes and trace indexes are assigned
 * in order (an op's trace index is 100 + its history index, so the two are never confused).
 */
import type {
  AssignOrRevoke,
  CommitDone,
  CommitInvoke,
  HistoryOp,
  OpInput,
  PollOk,
  Process,
  ReadRecord,
  Resume,
  SendFailOrInfo,
  SendInvoke,
  SendOk,
  TopicPartition,
} from "../../src/history/types";
import type { CheckContext, GroupAtEnd, Truncation } from "../../src/checkers/historyChecker";

/** [partition, offset, value]: one record as a read returns it. */
export type RecordAt = readonly [partition: string, offset: number, value: string];

export const TRACE_BASE = 100;

export function topicPartition(partition: string): TopicPartition {
  const dash = partition.lastIndexOf("-");
  return { topic: partition.slice(0, dash), partition: Number(partition.slice(dash + 1)) };
}

function readRecord([partition, offset, value]: RecordAt): ReadRecord {
  return { ...topicPartition(partition), offset, key: null, value };
}

export class HistoryBuilder {
  readonly ops: HistoryOp[] = [];
  private nowUs = 0;
  private nextId = 0;
  private readonly partitionOfSend = new Map<number, string>();

  /** Moves the clock to `seconds` (simulated). */
  at(seconds: number): this {
    this.nowUs = Math.round(seconds * 1_000_000);
    return this;
  }

  /** Invokes a send of `value`; the partition is where it will land (the producer's partitioner chose it). */
  send(client: string, partition: string, value: string): SendInvoke {
    const invoke: SendInvoke = this.append({
      ...this.base(client, this.nextId++),
      f: "send",
      type: "invoke",
      topic: topicPartition(partition).topic,
      key: null,
      value,
    });
    this.partitionOfSend.set(invoke.id, partition);
    return invoke;
  }

  /** Completes `send` with an ack at `offset` (-1 for acks=0). */
  ok(send: SendInvoke, offset: number, from: { leader?: string; epoch?: number } = {}): SendOk {
    return this.append({
      ...this.base(send.client, send.id),
      f: "send",
      type: "ok",
      ...topicPartition(this.partitionOfSend.get(send.id) ?? `${send.topic}-0`),
      offset,
      value: send.value,
      leader: from.leader ?? "broker-0",
      leaderEpoch: from.epoch ?? 1,
    });
  }

  fail(send: SendInvoke, error = "NOT_LEADER_OR_FOLLOWER", type: "fail" | "info" = "fail"): SendFailOrInfo {
    return this.append({
      ...this.base(send.client, send.id),
      f: "send",
      type,
      topic: send.topic,
      partition: null,
      value: send.value,
      error,
    });
  }

  info(send: SendInvoke, error = "REQUEST_TIMED_OUT"): SendFailOrInfo {
    return this.fail(send, error, "info");
  }

  /** A send invoked and acknowledged at the current time. */
  ack(
    client: string,
    partition: string,
    offset: number,
    value: string,
    from: { leader?: string; epoch?: number } = {},
  ): SendOk {
    return this.ok(this.send(client, partition, value), offset, from);
  }

  poll(client: string, group: string, generation: number, records: readonly RecordAt[]): PollOk {
    return this.append({
      ...this.base(client, this.nextId++),
      f: "poll",
      type: "ok",
      group,
      generation,
      drain: false,
      records: records.map(readRecord),
    });
  }

  drain(records: readonly RecordAt[], client = "drain"): PollOk {
    return this.append({
      ...this.base(client, this.nextId++),
      f: "poll",
      type: "ok",
      group: "drain",
      generation: -1,
      drain: true,
      records: records.map(readRecord),
    });
  }

  commit(
    client: string,
    group: string,
    generation: number,
    offsets: Readonly<Record<string, number>>,
  ): CommitInvoke {
    const at = Object.entries(offsets).map(([partition, offset]) => ({
      ...topicPartition(partition),
      offset,
    }));
    return this.append({
      ...this.base(client, this.nextId++),
      f: "commit",
      type: "invoke",
      group,
      generation,
      offsets: at,
    });
  }

  committed(commit: CommitInvoke, type: CommitDone["type"] = "ok", error?: string): CommitDone {
    const done: OpInput<CommitDone> = {
      ...this.base(commit.client, commit.id),
      f: "commit",
      type,
      group: commit.group,
      generation: commit.generation,
      offsets: commit.offsets,
    };
    return this.append(error === undefined ? done : { ...done, error });
  }

  process(client: string, group: string, generation: number, record: RecordAt, applied = true): Process {
    return this.append({
      ...this.base(client, this.nextId++),
      f: "process",
      type: "ok",
      group,
      generation,
      record: readRecord(record),
      applied,
    });
  }

  /** Partitions `client` gained ("assign") or lost ("revoke") at a rebalance. */
  membership(
    f: AssignOrRevoke["f"],
    client: string,
    group: string,
    generation: number,
    partitions: readonly string[],
  ): AssignOrRevoke {
    return this.append({
      ...this.base(client, this.nextId++),
      f,
      type: "ok",
      group,
      generation,
      partitions: partitions.map(topicPartition),
    });
  }

  resume(
    client: string,
    group: string,
    generation: number,
    partition: string,
    offset: number,
    committed: number | null,
    askedIndex = this.ops.length,
  ): Resume {
    return this.append({
      ...this.base(client, this.nextId++),
      f: "resume",
      type: "ok",
      group,
      generation,
      ...topicPartition(partition),
      offset,
      committed,
      askedIndex,
    });
  }

  private base(
    client: string,
    id: number,
  ): { timeUs: number; client: string; id: number; traceIndex: number } {
    return { timeUs: this.nowUs, client, id, traceIndex: TRACE_BASE + this.ops.length };
  }

  private append<T extends HistoryOp>(op: OpInput<T>): T {
    const full = { ...op, index: this.ops.length } as unknown as T;
    this.ops.push(full);
    return full;
  }
}

/** [partition, offset, value] for consecutive offsets from `firstOffset`. */
export function recordsFrom(partition: string, firstOffset: number, values: readonly string[]): RecordAt[] {
  return values.map((value, position) => [partition, firstOffset + position, value] as const);
}

export function contextOf(
  parts: {
    drainComplete?: readonly string[];
    groups?: readonly GroupAtEnd[];
    truncations?: readonly Truncation[];
    scopes?: CheckContext["scopes"];
  } = {},
): CheckContext {
  return {
    drainComplete: new Set(parts.drainComplete ?? []),
    groups: parts.groups ?? [],
    truncations: parts.truncations ?? [],
    ...(parts.scopes === undefined ? {} : { scopes: parts.scopes }),
  };
}
