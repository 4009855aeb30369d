/** Produce, Fetch (replica and consumer), ListOffsets and Metadata: the data path. */
import type { KafkaRecord, RecordBatch } from "../storage/recordBatch";
import type { ErrorName } from "./errors";

/** A batch as a producer sends it: the leader assigns offsets and stamps its epoch. */
export interface ProducerBatch {
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly records: readonly KafkaRecord[];
}

export interface ProducePartitionData {
  readonly topic: string;
  readonly partition: number;
  readonly batch: ProducerBatch;
}

export interface ProduceRequest {
  readonly type: "ProduceRequest";
  readonly correlationId: number;
  /** 0, 1 or -1 (all). */
  readonly acks: number;
  readonly timeoutMs: number;
  readonly partitions: readonly ProducePartitionData[];
}

export interface ProducePartitionResult {
  readonly topic: string;
  readonly partition: number;
  readonly error: ErrorName;
  readonly baseOffset: number;
  /** The leader epoch of the leader that answered (for the history's "by broker-1 in epoch 3"). */
  readonly leaderEpoch: number;
}

export interface ProduceResponse {
  readonly type: "ProduceResponse";
  readonly correlationId: number;
  readonly partitions: readonly ProducePartitionResult[];
}

export interface FetchPartition {
  readonly topic: string;
  readonly partition: number;
  readonly fetchOffset: number;
  /** Epoch of the last batch the fetcher holds (followers; -1 for consumers). */
  readonly lastFetchedEpoch: number;
  /** The leader epoch the fetcher believes current; -1 skips the check. */
  readonly currentLeaderEpoch: number;
}

export interface FetchRequest {
  readonly type: "FetchRequest";
  readonly correlationId: number;
  /** Broker id of a follower, or null for a consumer. */
  readonly replicaId: string | null;
  readonly brokerEpoch: number;
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  /**
   * Sessionless fetch (consumers): every partition listed, every partition answered. In a session
   * (KIP-227, followers) only what changed is listed and only what changed is answered.
   */
  readonly session?: FetchSessionFields;
  readonly partitions: readonly FetchPartition[];
}

/** A full fetch that opens a new session. */
export const INITIAL_SESSION_EPOCH = 0;

/**
 * KIP-227 incremental fetch session fields. Epoch 0 opens a session (every partition listed);
 * each later fetch names the session and the next epoch, lists only partitions whose fetch
 * position changed, and names those it no longer wants in `forgotten`.
 */
export interface FetchSessionFields {
  readonly sessionId: number;
  readonly sessionEpoch: number;
  readonly forgotten: readonly { readonly topic: string; readonly partition: number }[];
}

export interface DivergingEpoch {
  readonly epoch: number;
  readonly endOffset: number;
}

export interface FetchPartitionResult {
  readonly topic: string;
  readonly partition: number;
  readonly error: ErrorName;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  readonly batches: readonly RecordBatch[];
  /** Set when the follower's log diverges from the leader's: truncate, then fetch again. */
  readonly divergingEpoch?: DivergingEpoch;
}

export interface FetchResponse {
  readonly type: "FetchResponse";
  readonly correlationId: number;
  /** A session-level error (unknown session, wrong epoch): no partitions are answered. */
  readonly error?: ErrorName;
  /** The session this answer belongs to (set when the request had session fields). */
  readonly sessionId?: number;
  readonly partitions: readonly FetchPartitionResult[];
}

/** -2 earliest, -1 latest (the high watermark for read_uncommitted). */
export const EARLIEST_TIMESTAMP = -2;
export const LATEST_TIMESTAMP = -1;

export interface ListOffsetsRequest {
  readonly type: "ListOffsetsRequest";
  readonly correlationId: number;
  readonly partitions: readonly { topic: string; partition: number; timestamp: number; currentLeaderEpoch: number }[];
}

export interface ListOffsetsResponse {
  readonly type: "ListOffsetsResponse";
  readonly correlationId: number;
  readonly partitions: readonly { topic: string; partition: number; error: ErrorName; offset: number; leaderEpoch: number }[];
}

/**
 * A consumer validating its position after a leader change (KIP-320): the end offset, at this
 * leader, of the epoch of the last record it consumed (`leaderEpoch`). `currentLeaderEpoch` is the
 * epoch the consumer believes current, checked as a Fetch's is.
 */
export interface OffsetsForLeaderEpochRequest {
  readonly type: "OffsetsForLeaderEpochRequest";
  readonly correlationId: number;
  readonly partitions: readonly { topic: string; partition: number; currentLeaderEpoch: number; leaderEpoch: number }[];
}

export interface OffsetsForLeaderEpochResponse {
  readonly type: "OffsetsForLeaderEpochResponse";
  readonly correlationId: number;
  /** The largest epoch ≤ the one asked and where it ends here; -1 and -1 when unknown. */
  readonly partitions: readonly { topic: string; partition: number; error: ErrorName; leaderEpoch: number; endOffset: number }[];
}

export interface MetadataRequest {
  readonly type: "MetadataRequest";
  readonly correlationId: number;
  readonly topics: readonly string[];
}

export interface PartitionMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly error: ErrorName;
  readonly leader: string | null;
  readonly leaderEpoch: number;
  readonly replicas: readonly string[];
  readonly isr: readonly string[];
}

export interface MetadataResponse {
  readonly type: "MetadataResponse";
  readonly correlationId: number;
  readonly brokers: readonly string[];
  readonly topics: readonly { name: string; error: ErrorName; partitions: readonly PartitionMetadata[] }[];
}

/** An idempotent producer asks any broker for its producer id. */
export interface InitProducerIdRequest {
  readonly type: "InitProducerIdRequest";
  readonly correlationId: number;
}

export interface InitProducerIdResponse {
  readonly type: "InitProducerIdResponse";
  readonly correlationId: number;
  readonly error: ErrorName;
  readonly producerId: number;
  readonly producerEpoch: number;
}

export type DataMessage =
  | InitProducerIdRequest
  | InitProducerIdResponse
  | ProduceRequest
  | ProduceResponse
  | FetchRequest
  | FetchResponse
  | ListOffsetsRequest
  | ListOffsetsResponse
  | OffsetsForLeaderEpochRequest
  | OffsetsForLeaderEpochResponse
  | MetadataRequest
  | MetadataResponse;
