/**
 * An ownership: one consumer's hold on one partition in one group generation —
 * (client, group, generation, partition). The drain reader's ownership is (client, partition).
 * An assignment starts a hold afresh: a coordinator that failed over before a generation's
 * assignment was stored hands the stored generation out again (as Kafka's does), so a consumer can
 * hold one partition twice under one generation number, with a revoke between.
 */
import type { AssignOrRevoke, PollOk, ReadRecord, Resume } from "../../history/types";
import { partitionName } from "../../history/types";
import { compositeKey } from "./compositeKey";

export interface Ownership {
  /** Canonical key; equal keys mean the same ownership. */
  readonly key: string;
  /** "consumer-billing-1 (group billing, generation 3)" for messages (built only when asked). */
  readonly reader: string;
}

class ConsumerOwnership implements Ownership {
  readonly key: string;

  constructor(
    private readonly client: string,
    private readonly group: string,
    private readonly generation: number,
    partition: string,
  ) {
    this.key = compositeKey(client, group, generation, partition);
  }

  get reader(): string {
    return `${this.client} (group ${this.group}, generation ${this.generation})`;
  }
}

class DrainOwnership implements Ownership {
  readonly key: string;

  constructor(
    private readonly client: string,
    partition: string,
  ) {
    this.key = compositeKey("drain", client, partition);
  }

  get reader(): string {
    return `drain reader ${this.client}`;
  }
}

/**
 * The ownership of each record a poll returned. A checker keeps one and asks it record by record;
 * the answer for the previous record is reused while the poll and partition stay the same (a
 * poll's records come a partition at a time, and ops are immutable once recorded).
 */
export class ReadOwnerships {
  private lastPoll: PollOk | undefined;
  private lastPartition = "";
  private lastOwnership: Ownership | undefined;

  of(poll: PollOk, record: ReadRecord): Ownership {
    const partition = partitionName(record);
    if (poll === this.lastPoll && partition === this.lastPartition) return this.lastOwnership!;
    const ownership = poll.drain
      ? new DrainOwnership(poll.client, partition)
      : new ConsumerOwnership(poll.client, poll.group, poll.generation, partition);
    this.lastPoll = poll;
    this.lastPartition = partition;
    this.lastOwnership = ownership;
    return ownership;
  }
}

/**
 * Walks a poll's records with the ownership of each and the state a checker keeps per ownership
 * in `states`. A poll's records come a partition at a time, so the state is looked up once per
 * run of records of one ownership; `visit` returns the state to keep from that record on.
 */
export function visitOwnedRecords<S>(
  poll: PollOk,
  ownerships: ReadOwnerships,
  states: Map<string, S>,
  visit: (record: ReadRecord, owner: Ownership, state: S | undefined) => S,
): void {
  const records = poll.records;
  let ownership: Ownership | undefined;
  let state: S | undefined;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const owner = ownerships.of(poll, record);
    if (owner !== ownership) {
      ownership = owner;
      state = states.get(owner.key);
    }
    const next = visit(record, owner, state);
    if (next !== state) {
      states.set(owner.key, next);
      state = next;
    }
  }
}

export function ownershipOfResume(resume: Resume): Ownership {
  return new ConsumerOwnership(resume.client, resume.group, resume.generation, partitionName(resume));
}

/** The ownerships an assignment starts (one per partition assigned). */
export function ownershipsOfAssign(assign: AssignOrRevoke): Ownership[] {
  return assign.partitions.map(
    (tp) => new ConsumerOwnership(assign.client, assign.group, assign.generation, partitionName(tp)),
  );
}
