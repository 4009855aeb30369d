import { describe, expect, it } from "vitest";
import { DEFAULT_CONSUMER_CONFIG, parseConsumerConfig } from "../../src/config/consumerConfig";

const PATH = "consumers[0].config";

describe("consumer config", () => {
  it("has Kafka's defaults", () => {
    const { config, errors } = parseConsumerConfig(undefined, PATH);
    expect(errors).toEqual([]);
    expect(config).toEqual(DEFAULT_CONSUMER_CONFIG);
    expect(config).toEqual({
      sessionTimeoutMs: 45000,
      heartbeatIntervalMs: 3000,
      maxPollIntervalMs: 300000,
      enableAutoCommit: true,
      autoCommitIntervalMs: 5000,
      autoOffsetReset: "latest",
      maxPollRecords: 500,
      fetchMaxWaitMs: 500,
      fetchMinBytes: 1,
      fetchMaxBytes: 52428800,
      maxPartitionFetchBytes: 1048576,
      partitionAssignmentStrategy: "range",
      requestTimeoutMs: 30000,
      retryBackoffMs: 100,
      metadataMaxAgeMs: 300000,
      isolationLevel: "read_uncommitted",
    });
  });

  it("rejects a heartbeat interval not below the session timeout, as Kafka's Heartbeat does", () => {
    expect(parseConsumerConfig({ "session.timeout.ms": 3000 }, PATH).errors).toEqual([
      {
        path: "consumers[0].config.session.timeout.ms",
        message:
          "Heartbeat must be set lower than the session timeout (heartbeat.interval.ms 3000 ≥ session.timeout.ms 3000)",
      },
    ]);
  });

  it("says read_committed waits for transactions", () => {
    expect(parseConsumerConfig({ "isolation.level": "read_committed" }, PATH).errors).toEqual([
      {
        path: "consumers[0].config.isolation.level",
        message:
          "read_committed arrives with transactions; ksim reads read_uncommitted only for now (allowed: read_uncommitted)",
      },
    ]);
  });

  it("takes assignors by ksim's short names", () => {
    expect(
      parseConsumerConfig({ "partition.assignment.strategy": "roundrobin" }, PATH).config
        .partitionAssignmentStrategy,
    ).toBe("roundrobin");
    expect(
      parseConsumerConfig({ "partition.assignment.strategy": "roundrobbin" }, PATH).errors[0]?.message,
    ).toBe('expected one of range | roundrobin, got "roundrobbin" (did you mean "roundrobin"?)');
  });

  it("rejects cooperative-sticky, which eager rebalancing cannot honour, rather than run it as roundrobin", () => {
    expect(
      parseConsumerConfig({ "partition.assignment.strategy": "cooperative-sticky" }, PATH).errors,
    ).toEqual([
      {
        path: "consumers[0].config.partition.assignment.strategy",
        message:
          "cooperative-sticky is not modelled: ksim's groups rebalance eagerly (every partition revoked, then " +
          "reassigned), so incremental cooperative rebalancing cannot happen (allowed: range | roundrobin)",
      },
    ]);
  });

  it("collects every problem, not just the first", () => {
    const { errors } = parseConsumerConfig(
      { "auto.offset.reset": "smallest", "max.poll.records": 0, "fetch.max.wait": 1 },
      PATH,
    );
    expect(errors.map((e) => e.path)).toEqual([
      "consumers[0].config.auto.offset.reset",
      "consumers[0].config.max.poll.records",
      "consumers[0].config.fetch.max.wait",
    ]);
    expect(errors[2]?.message).toBe(
      'unknown consumer config "fetch.max.wait" (did you mean "fetch.max.wait.ms"?)',
    );
  });
});
