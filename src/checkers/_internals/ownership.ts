/**
 * An ownership: one consumer's hold on one partition in one group generation —
 * (client, group, generation, partition). The drain reader's ownership is (client, partition).
 */
import type { PollOk, ReadRecord, Resume } from "../../history/types";
import { partitionName } from "../../history/types";
import { compositeKey } from "./compositeKey";

export interface Ownership {
  /** Canonical key; equal keys mean the same ownership. */
  readonly key: string;
  /** "consumer-billing-1 (group billing, generation 3)" for messages (built when asked: one per record read). */
  readonly reader: string;
}

export function ownershipOfRead(poll: PollOk, record: ReadRecord): Ownership {
  const partition = partitionName(record);
  if (poll.drain) {
    return {
      key: compositeKey("drain", poll.client, partition),
      get reader() {
        return `drain reader ${poll.client}`;
      },
    };
  }
  return consumerOwnership(poll.client, poll.group, poll.generation, partition);
}

export function ownershipOfResume(resume: Resume): Ownership {
  return consumerOwnership(resume.client, resume.group, resume.generation, partitionName(resume));
}

function consumerOwnership(client: string, group: string, generation: number, partition: string): Ownership {
  return {
    key: compositeKey(client, group, generation, partition),
    get reader() {
      return `${client} (group ${group}, generation ${generation})`;
    },
  };
}
