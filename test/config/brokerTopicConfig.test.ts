import { describe, expect, it } from "vitest";
import { DEFAULT_BROKER_CONFIG, brokerConfigToKafka, parseBrokerConfig } from "../../src/config/brokerConfig";
import { parseTopicConfig, topicConfigToKafka } from "../../src/config/topicConfig";

describe("broker config", () => {
  it("has Kafka's defaults, plus ksim's truncation mode and writeback model", () => {
    const { config, errors } = parseBrokerConfig({}, "cluster.broker");
    expect(errors).toEqual([]);
    expect(config).toEqual(DEFAULT_BROKER_CONFIG);
    expect(config).toMatchObject({
      minInsyncReplicas: 1,
      uncleanLeaderElectionEnable: false,
      replicaLagTimeMaxMs: 30000,
      replicationTruncation: "leader-epoch",
      brokerHeartbeatIntervalMs: 2000,
      brokerSessionTimeoutMs: 9000,
      replicaFetchWaitMaxMs: 500,
      replicaFetchMaxBytes: 1048576,
      replicaFetchBackoffMs: 1000,
      replicaHighWatermarkCheckpointIntervalMs: 5000,
      logRetentionCheckIntervalMs: 300000,
      flushMessages: null,
      flushMs: null,
      osDirtyExpireMs: 30000,
      offsetsTopicNumPartitions: 50,
      offsetsTopicReplicationFactor: 3,
      groupInitialRebalanceDelayMs: 3000,
      groupMinSessionTimeoutMs: 6000,
      groupMaxSessionTimeoutMs: 1800000,
      defaultReplicationFactor: 1,
      numPartitions: 1,
    });
  });

  it("reads flush settings as a number or null (never)", () => {
    const { config, errors } = parseBrokerConfig({ "flush.messages": 1, "flush.ms": null }, "cluster.broker");
    expect(errors).toEqual([]);
    expect(config.flushMessages).toBe(1);
    expect(config.flushMs).toBeNull();
    expect(parseBrokerConfig({ "flush.messages": 0 }, "cluster.broker").errors[0]?.message).toBe(
      "expected an integer ≥ 1, or null for never, got 0",
    );
  });

  it("reads the log flusher's interval as a number or null, never by default (Kafka's Long.MAX_VALUE)", () => {
    expect(parseBrokerConfig({}, "cluster.broker").config.logFlushSchedulerIntervalMs).toBeNull();
    const { config, errors } = parseBrokerConfig({ "log.flush.scheduler.interval.ms": 1000 }, "cluster.broker");
    expect(errors).toEqual([]);
    expect(config.logFlushSchedulerIntervalMs).toBe(1000);
    expect(parseBrokerConfig({ "log.flush.scheduler.interval.ms": 0 }, "cluster.broker").errors[0]?.message).toBe(
      "expected an integer ≥ 1, or null for never, got 0",
    );
  });

  it("guesses a misspelt enum value", () => {
    expect(parseBrokerConfig({ "replication.truncation": "high-watermak" }, "cluster.broker").errors).toEqual(
      [
        {
          path: "cluster.broker.replication.truncation",
          message:
            'expected one of leader-epoch | high-watermark, got "high-watermak" (did you mean "high-watermark"?)',
        },
      ],
    );
  });

  it("applies KafkaConfig's replica.fetch.wait.max.ms ≤ replica.lag.time.max.ms, pointing at the key that was set", () => {
    expect(parseBrokerConfig({ "replica.lag.time.max.ms": 100 }, "cluster.broker").errors).toEqual([
      {
        path: "cluster.broker.replica.lag.time.max.ms",
        message:
          "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent " +
          "frequent changes in ISR (500 > 100)",
      },
    ]);
  });

  it("writes back only what differs from the defaults", () => {
    const { config } = parseBrokerConfig({ "min.insync.replicas": 2, "flush.ms": 1000 }, "cluster.broker");
    expect(brokerConfigToKafka(config)).toEqual({ "min.insync.replicas": 2, "flush.ms": 1000 });
  });
});

describe("topic config", () => {
  const broker = parseBrokerConfig(
    { "min.insync.replicas": 2, "unclean.leader.election.enable": true },
    "b",
  ).config;

  it("is the broker's topic-level values overlaid by the topic's overrides", () => {
    const { config, errors } = parseTopicConfig(
      { "unclean.leader.election.enable": false, "segment.bytes": 1024 },
      "topics[0].config",
      broker,
    );
    expect(errors).toEqual([]);
    expect(config).toEqual({
      minInsyncReplicas: 2,
      uncleanLeaderElectionEnable: false,
      flushMessages: null,
      flushMs: null,
      segmentBytes: 1024,
      segmentMs: 604800000,
      retentionMs: 604800000,
      retentionBytes: -1,
      indexIntervalBytes: 4096,
    });
    expect(topicConfigToKafka(config, broker)).toEqual({
      "unclean.leader.election.enable": false,
      "segment.bytes": 1024,
    });
  });

  it("rejects a broker-only key with a pointer to what topics accept", () => {
    const { errors } = parseTopicConfig({ "replica.lag.time.max.ms": 10 }, "topics[0].config", broker);
    expect(errors[0]?.message).toBe(
      'unknown topic config "replica.lag.time.max.ms" (ksim models: min.insync.replicas, unclean.leader.election.enable, ' +
        "flush.messages, flush.ms, segment.bytes, segment.ms, retention.ms, retention.bytes, index.interval.bytes)",
    );
  });
});
