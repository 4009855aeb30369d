/**
 * What the coordinator's group logic may use: its broker's context (time, timers, trace), the
 * coordinator settings, a way to answer a client, and the acks=all store of a group's metadata.
 */
import type { NodeContext } from "../kernel/node";
import type { ErrorName } from "../protocol/errors";
import type { GroupResponse, GroupTopicPartition } from "../protocol/groupMessages";
import type { GroupMetadata } from "./groupMetadata";

export interface GroupIo {
  readonly ctx: NodeContext<unknown>;
  readonly brokerId: string;
  readonly groupInitialRebalanceDelayMs: number;
  readonly groupMinSessionTimeoutMs: number;
  readonly groupMaxSessionTimeoutMs: number;
  respond(to: string, response: GroupResponse): void;
  /**
   * Appends the group's metadata (with `assignments` if given) to its offsets partition with
   * acks=all; `done` gets the error as Kafka's storeGroup reports it to members.
   */
  storeGroup(
    group: GroupMetadata,
    assignments: ReadonlyMap<string, readonly GroupTopicPartition[]> | undefined,
    done: (error: ErrorName) => void,
  ): void;
}
