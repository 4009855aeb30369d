/** The per-broker disk: segments, offset index, page cache and flush, checkpoints, producer state. */
export * from "./recordBatch";
export * from "./sequenceNumber";
export * from "./durability";
export * from "./logConfig";
export * from "./logSegment";
export { PartitionLog } from "./partitionLog";
export * from "./leaderEpochCache";
export * from "./checkpointFile";
export { ProducerStateManager, type SequenceCheck } from "./producerStateManager";
export * from "./producerStateEntry";
export * from "./brokerDisk";
export * from "./partitionRecovery";
