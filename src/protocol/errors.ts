/**
 * Kafka protocol errors as data: a code, a name and whether a client may retry. Handlers return
 * these as values; they are never thrown.
 */
export interface ProtocolError {
  readonly code: number;
  readonly name: string;
  readonly retriable: boolean;
}

function error(code: number, name: string, retriable: boolean): ProtocolError {
  return { code, name, retriable };
}

export const Errors = {
  NONE: error(0, "NONE", false),
  OFFSET_OUT_OF_RANGE: error(1, "OFFSET_OUT_OF_RANGE", false),
  UNKNOWN_TOPIC_OR_PARTITION: error(3, "UNKNOWN_TOPIC_OR_PARTITION", true),
  LEADER_NOT_AVAILABLE: error(5, "LEADER_NOT_AVAILABLE", true),
  NOT_LEADER_OR_FOLLOWER: error(6, "NOT_LEADER_OR_FOLLOWER", true),
  REQUEST_TIMED_OUT: error(7, "REQUEST_TIMED_OUT", true),
  NETWORK_EXCEPTION: error(13, "NETWORK_EXCEPTION", true),
  COORDINATOR_LOAD_IN_PROGRESS: error(14, "COORDINATOR_LOAD_IN_PROGRESS", true),
  COORDINATOR_NOT_AVAILABLE: error(15, "COORDINATOR_NOT_AVAILABLE", true),
  NOT_COORDINATOR: error(16, "NOT_COORDINATOR", true),
  NOT_ENOUGH_REPLICAS: error(19, "NOT_ENOUGH_REPLICAS", true),
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: error(20, "NOT_ENOUGH_REPLICAS_AFTER_APPEND", true),
  ILLEGAL_GENERATION: error(22, "ILLEGAL_GENERATION", false),
  INCONSISTENT_GROUP_PROTOCOL: error(23, "INCONSISTENT_GROUP_PROTOCOL", false),
  UNKNOWN_MEMBER_ID: error(25, "UNKNOWN_MEMBER_ID", false),
  INVALID_SESSION_TIMEOUT: error(26, "INVALID_SESSION_TIMEOUT", false),
  REBALANCE_IN_PROGRESS: error(27, "REBALANCE_IN_PROGRESS", false),
  OUT_OF_ORDER_SEQUENCE_NUMBER: error(45, "OUT_OF_ORDER_SEQUENCE_NUMBER", false),
  DUPLICATE_SEQUENCE_NUMBER: error(46, "DUPLICATE_SEQUENCE_NUMBER", false),
  INVALID_PRODUCER_EPOCH: error(47, "INVALID_PRODUCER_EPOCH", false),
  UNKNOWN_PRODUCER_ID: error(59, "UNKNOWN_PRODUCER_ID", false),
  FETCH_SESSION_ID_NOT_FOUND: error(70, "FETCH_SESSION_ID_NOT_FOUND", true),
  INVALID_FETCH_SESSION_EPOCH: error(71, "INVALID_FETCH_SESSION_EPOCH", true),
  FENCED_LEADER_EPOCH: error(74, "FENCED_LEADER_EPOCH", true),
  UNKNOWN_LEADER_EPOCH: error(76, "UNKNOWN_LEADER_EPOCH", true),
  STALE_BROKER_EPOCH: error(77, "STALE_BROKER_EPOCH", false),
  MEMBER_ID_REQUIRED: error(79, "MEMBER_ID_REQUIRED", false),
  INVALID_UPDATE_VERSION: error(108, "INVALID_UPDATE_VERSION", false),
  INELIGIBLE_REPLICA: error(107, "INELIGIBLE_REPLICA", false),
  NEW_LEADER_ELECTED: error(109, "NEW_LEADER_ELECTED", false),
} as const;

export type ErrorName = keyof typeof Errors;

