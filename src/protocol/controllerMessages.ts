/** Messages between brokers and the controller (KRaft's broker lifecycle and AlterPartition). */
import type { ErrorName } from "./errors";
import type { MetadataImage, PartitionState } from "./metadata";

export interface BrokerRegistrationRequest {
  readonly type: "BrokerRegistrationRequest";
  readonly brokerId: string;
  /** Distinguishes restarts of one broker id (Kafka's incarnation id). */
  readonly incarnation: number;
}

export interface BrokerRegistrationResponse {
  readonly type: "BrokerRegistrationResponse";
  readonly incarnation: number;
  readonly brokerEpoch: number;
  readonly metadata: MetadataImage;
}

export interface BrokerHeartbeatRequest {
  readonly type: "BrokerHeartbeatRequest";
  readonly brokerId: string;
  readonly brokerEpoch: number;
  /** The metadata version the broker has applied. */
  readonly metadataVersion: number;
}

export interface BrokerHeartbeatResponse {
  readonly type: "BrokerHeartbeatResponse";
  readonly error: ErrorName;
  readonly fenced: boolean;
  /** Present when the broker is behind: the full image to catch up from. */
  readonly metadata?: MetadataImage;
}

/** Pushed to brokers on every change; applied by version, so late or reordered ones are harmless. */
export interface MetadataUpdate {
  readonly type: "MetadataUpdate";
  readonly metadata: MetadataImage;
}

export interface AlterPartitionRequest {
  readonly type: "AlterPartitionRequest";
  readonly brokerId: string;
  readonly brokerEpoch: number;
  readonly topic: string;
  readonly partition: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  readonly newIsr: readonly string[];
  /** The broker epoch each member last fetched with (KIP-903): a stale one may not rejoin. */
  readonly newIsrBrokerEpochs: Readonly<Record<string, number>>;
}

export interface AlterPartitionResponse {
  readonly type: "AlterPartitionResponse";
  readonly topic: string;
  readonly partition: number;
  readonly error: ErrorName;
  /** The partition as the controller now has it (after the change, or as it was on rejection). */
  readonly state: PartitionState | undefined;
}

export type ControllerMessage =
  | BrokerRegistrationRequest
  | BrokerRegistrationResponse
  | BrokerHeartbeatRequest
  | BrokerHeartbeatResponse
  | MetadataUpdate
  | AlterPartitionRequest
  | AlterPartitionResponse;
