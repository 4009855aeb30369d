/**
 * The controller's durable state: a single-voter KRaft quorum whose metadata log is fsynced on
 * every write. A crash makes the controller unavailable until restart; nothing is lost, so
 * power loss changes nothing here.
 */
import type { Durable } from "../kernel/node";
import type { PartitionState, TopicState } from "../protocol/metadata";

export interface BrokerRegistration {
  readonly brokerId: string;
  /** -1 until the broker first registers. */
  readonly brokerEpoch: number;
  readonly incarnation: number;
  readonly fenced: boolean;
}

export class ControllerDisk implements Durable {
  created = false;
  metadataVersion = 0;
  nextBrokerEpoch = 1;
  readonly topics: TopicState[] = [];
  /** Keyed "<topic>-<partition>", in creation order. */
  readonly partitions = new Map<string, PartitionState>();
  readonly brokers = new Map<string, BrokerRegistration>();

  powerLoss(): void {
    // The metadata log is fsynced on every append: nothing to lose.
  }
}
