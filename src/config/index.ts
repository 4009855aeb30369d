/** Kafka config tables (broker, topic, producer, consumer): types, defaults, parsers. */
export type { ConfigIssue } from "./configIssue";
export type { ConfigKeyDef, ConfigType, ConfigYamlValue } from "./configKey";
export { configNames, type ConfigDefs, type ParsedConfig } from "./configTable";
export { didYouMean, editDistance } from "./didYouMean";
export {
  BROKER_CONFIG_DEFS,
  DEFAULT_BROKER_CONFIG,
  REPLICATION_TRUNCATION_MODES,
  brokerConfigToKafka,
  parseBrokerConfig,
  type BrokerConfig,
  type ReplicationTruncation,
} from "./brokerConfig";
export {
  DEFAULT_TOPIC_CONFIG,
  TOPIC_CONFIG_DEFS,
  parseTopicConfig,
  topicConfigToKafka,
  topicDefaultsFrom,
  type TopicConfig,
} from "./topicConfig";
export {
  DEFAULT_PRODUCER_CONFIG,
  MAX_IN_FLIGHT_FOR_IDEMPOTENCE,
  PARTITIONERS,
  PRODUCER_CONFIG_DEFS,
  parseProducerConfig,
  producerConfigToKafka,
  type Acks,
  type ParsedProducerConfig,
  type PartitionerKind,
  type ProducerConfig,
} from "./producerConfig";
export {
  ASSIGNMENT_STRATEGIES,
  AUTO_OFFSET_RESETS,
  CONSUMER_CONFIG_DEFS,
  DEFAULT_CONSUMER_CONFIG,
  ISOLATION_LEVELS,
  consumerConfigToKafka,
  parseConsumerConfig,
  type AssignmentStrategy,
  type AutoOffsetReset,
  type ConsumerConfig,
  type IsolationLevel,
} from "./consumerConfig";
