/**
 * The history: what clients asked and what they were told (Jepsen's model). Operations are
 * appended in simulated-time order; an invoke and its completion share an `id`. Every value a
 * producer sends is unique in the run, so a value identifies a send.
 *
 * Partitions are named "<topic>-<partition>" wherever one string is needed (`orders-2`).
 */
import type { Micros } from "../kernel/time";

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface ReadRecord extends TopicPartition {
  readonly offset: number;
  readonly key: string | null;
  readonly value: string;
}

interface OpBase {
  /** Position in the history, 0-based. */
  readonly index: number;
  readonly timeUs: Micros;
  /** The client node (`producer-p1-0`, `consumer-billing-1`, `drain`). */
  readonly client: string;
  /** Pairs an invoke with its completion. */
  readonly id: number;
  /** Index of the trace event current when the op was recorded (to jump to it in a report). */
  readonly traceIndex: number;
}

export interface SendInvoke extends OpBase {
  readonly f: "send";
  readonly type: "invoke";
  readonly topic: string;
  readonly key: string | null;
  readonly value: string;
}

export interface SendOk extends OpBase {
  readonly f: "send";
  readonly type: "ok";
  readonly topic: string;
  readonly partition: number;
  /** -1 when acks=0 (the producer never learns the offset). */
  readonly offset: number;
  readonly value: string;
  /** Broker that answered, and the leader epoch the producer believed current. */
  readonly leader: string;
  readonly leaderEpoch: number;
}

/** `fail`: definitely not written. `info`: unknown (timeout, connection lost). */
export interface SendFailOrInfo extends OpBase {
  readonly f: "send";
  readonly type: "fail" | "info";
  readonly topic: string;
  readonly partition: number | null;
  readonly value: string;
  readonly error: string;
}

export interface PollInvoke extends OpBase {
  readonly f: "poll";
  readonly type: "invoke";
  readonly group: string;
}

export interface PollOk extends OpBase {
  readonly f: "poll";
  readonly type: "ok";
  /** Consumer group, or "drain" for the final drain reader. */
  readonly group: string;
  /** Group generation of the reader's ownership; -1 for the drain. */
  readonly generation: number;
  readonly drain: boolean;
  readonly records: readonly ReadRecord[];
}

export interface OffsetAt extends TopicPartition {
  readonly offset: number;
}

export interface CommitInvoke extends OpBase {
  readonly f: "commit";
  readonly type: "invoke";
  readonly group: string;
  readonly generation: number;
  readonly offsets: readonly OffsetAt[];
}

export interface CommitDone extends OpBase {
  readonly f: "commit";
  readonly type: "ok" | "fail" | "info";
  readonly group: string;
  readonly generation: number;
  readonly offsets: readonly OffsetAt[];
  readonly error?: string;
}

/** The consumer's side effect: one record written into the group's sink. */
export interface Process extends OpBase {
  readonly f: "process";
  readonly type: "ok";
  readonly group: string;
  readonly generation: number;
  readonly record: ReadRecord;
  /** False when an idempotent sink ignored a repeat of (topic, partition, offset). */
  readonly applied: boolean;
}

/** Partitions gained or lost at a rebalance. */
export interface AssignOrRevoke extends OpBase {
  readonly f: "assign" | "revoke";
  readonly type: "ok";
  readonly group: string;
  readonly generation: number;
  readonly partitions: readonly TopicPartition[];
}

/** Where an owner starts reading a partition it was assigned (committed offset, reset, or seek). */
export interface Resume extends OpBase {
  readonly f: "resume";
  readonly type: "ok";
  readonly group: string;
  readonly generation: number;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** The committed offset the coordinator returned, or null if there was none. */
  readonly committed: number | null;
  /**
   * The history's length when `committed` was asked for (the OffsetFetch went out) or, for an
   * offset the consumer committed itself, learned. Commits that completed before it must show;
   * commits completing between it and this op were concurrent with the question.
   */
  readonly askedIndex: number;
}

export type HistoryOp =
  | SendInvoke
  | SendOk
  | SendFailOrInfo
  | PollInvoke
  | PollOk
  | CommitInvoke
  | CommitDone
  | Process
  | AssignOrRevoke
  | Resume;

/** Distributes `Omit` over the union, so each op kind keeps its own fields. */
export type OpInput<T = HistoryOp> = T extends HistoryOp ? Omit<T, "index"> : never;

/** Interned: a million records of one partition share one name string. */
const partitionNames = new Map<string, string[]>();
/**
 * The last topic asked about and its names: the checkers ask several times for every op, nearly
 * always about the topic they asked about last, and a string compare is cheaper than the lookup.
 */
let lastTopic: string | undefined;
let lastTopicNames: string[] = [];

export function partitionName(tp: TopicPartition): string {
  if (tp.topic !== lastTopic) {
    let names = partitionNames.get(tp.topic);
    if (names === undefined) partitionNames.set(tp.topic, (names = []));
    lastTopic = tp.topic;
    lastTopicNames = names;
  }
  return (lastTopicNames[tp.partition] ??= `${tp.topic}-${tp.partition}`);
}
