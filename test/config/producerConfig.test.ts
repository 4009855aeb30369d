import { describe, expect, it } from "vitest";
import {
  DEFAULT_PRODUCER_CONFIG,
  parseProducerConfig,
  producerConfigToKafka,
} from "../../src/config/producerConfig";

const PATH = "producers[0].config";

describe("producer config", () => {
  it("has Kafka 4's defaults", () => {
    const { config, errors } = parseProducerConfig(undefined, PATH);
    expect(errors).toEqual([]);
    expect(config).toEqual(DEFAULT_PRODUCER_CONFIG);
    expect(config).toMatchObject({
      acks: "all",
      enableIdempotence: true,
      maxInFlightRequestsPerConnection: 5,
      retries: 2147483647,
      retryBackoffMs: 100,
      deliveryTimeoutMs: 120000,
      requestTimeoutMs: 30000,
      batchSizeBytes: 16384,
      lingerMs: 5,
      bufferMemoryBytes: 33554432,
      maxBlockMs: 60000,
      metadataMaxAgeMs: 300000,
      partitioner: "default",
    });
  });

  it.each([
    ["all", "all"],
    [-1, "all"],
    ["-1", "all"],
    [1, "1"],
    ["1", "1"],
    [0, "0"],
  ])("reads acks %j as %s", (raw, acks) => {
    const { config, errors } = parseProducerConfig({ acks: raw, "enable.idempotence": false }, PATH);
    expect(errors).toEqual([]);
    expect(config.acks).toBe(acks);
  });

  it("rejects an acks value Kafka does not have", () => {
    expect(parseProducerConfig({ acks: 2 }, PATH).errors).toEqual([
      { path: "producers[0].config.acks", message: "expected one of all | -1 | 1 | 0, got 2" },
    ]);
  });

  it("names an unknown key and guesses the intended one", () => {
    expect(parseProducerConfig({ "retry.backof.ms": 5 }, PATH).errors).toEqual([
      {
        path: "producers[0].config.retry.backof.ms",
        message: 'unknown producer config "retry.backof.ms" (did you mean "retry.backoff.ms"?)',
        at: "key",
      },
    ]);
  });

  it("rejects max.request.size, which ksim would ignore, saying it is not modelled", () => {
    expect(parseProducerConfig({ "max.request.size": 0 }, PATH).errors).toEqual([
      {
        path: "producers[0].config.max.request.size",
        message:
          'producer config "max.request.size" is not modelled: ksim\'s records are tens of bytes and no request or ' +
          "record size limit is enforced (nor the broker's message.max.bytes), so a RecordTooLargeException can " +
          "never happen; remove it",
        at: "key",
      },
    ]);
  });

  it("says what is allowed for a wrong type or an out-of-range value", () => {
    const { errors } = parseProducerConfig(
      { "max.in.flight.requests.per.connection": 0, "enable.idempotence": "yes", "linger.ms": 1.5 },
      PATH,
    );
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      "producers[0].config.max.in.flight.requests.per.connection: expected an integer ≥ 1, got 0",
      'producers[0].config.enable.idempotence: expected true or false, got "yes"',
      "producers[0].config.linger.ms: expected an integer ≥ 0, got 1.5",
    ]);
  });

  it("reads numbers and booleans written as strings, as Kafka's ConfigDef does", () => {
    const { config, errors } = parseProducerConfig({ "linger.ms": "20", "enable.idempotence": "TRUE" }, PATH);
    expect(errors).toEqual([]);
    expect(config.lingerMs).toBe(20);
    expect(config.enableIdempotence).toBe(true);
  });

  it("rejects an int beyond Kafka's 32 bits, naming the limit", () => {
    expect(parseProducerConfig({ retries: 2147483648 }, PATH).errors[0]?.message).toBe(
      "expected an integer from 0 to 2147483647, got 2147483648",
    );
  });

  describe("idempotence rules (ProducerConfig.postProcessAndValidateIdempotenceConfigs)", () => {
    it("rejects explicit idempotence with acks other than all, with Kafka's message", () => {
      expect(parseProducerConfig({ acks: 1, "enable.idempotence": true }, PATH).errors).toEqual([
        {
          path: "producers[0].config.acks",
          message:
            "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence. " +
            "(enable.idempotence is set to true)",
        },
      ]);
    });

    it("rejects explicit idempotence with retries = 0", () => {
      expect(parseProducerConfig({ retries: 0, "enable.idempotence": true }, PATH).errors).toEqual([
        {
          path: "producers[0].config.retries",
          message:
            "Must set retries to non-zero when using the idempotent producer. (enable.idempotence is set to true)",
        },
      ]);
    });

    it("rejects more than 5 in flight while idempotence is on, even by default (Kafka 4)", () => {
      const explicit = parseProducerConfig(
        { "enable.idempotence": true, "max.in.flight.requests.per.connection": 6 },
        PATH,
      );
      expect(explicit.errors).toEqual([
        {
          path: "producers[0].config.max.in.flight.requests.per.connection",
          message:
            "To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is 6.",
        },
      ]);
      const byDefault = parseProducerConfig({ "max.in.flight.requests.per.connection": 6 }, PATH);
      expect(byDefault.errors[0]?.message).toBe(
        "To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. " +
          "Current value is 6. (enable.idempotence defaults to true; set it to false to allow more)",
      );
    });

    it("silently disables the default idempotence when acks or retries conflict, and says so in a note", () => {
      const acksOne = parseProducerConfig({ acks: 1 }, PATH);
      expect(acksOne.errors).toEqual([]);
      expect(acksOne.config.enableIdempotence).toBe(false);
      expect(acksOne.notes).toEqual([
        {
          path: "producers[0].config.enable.idempotence",
          message:
            "idempotence disabled because acks is 1, not all and enable.idempotence was not set (as Kafka does)",
        },
      ]);
      const noRetries = parseProducerConfig({ retries: 0 }, PATH);
      expect(noRetries.errors).toEqual([]);
      expect(noRetries.config.enableIdempotence).toBe(false);
    });

    it("allows anything in flight once idempotence is explicitly off", () => {
      const { config, errors } = parseProducerConfig(
        { "enable.idempotence": false, acks: 1, "max.in.flight.requests.per.connection": 10, retries: 0 },
        PATH,
      );
      expect(errors).toEqual([]);
      expect(config).toMatchObject({
        enableIdempotence: false,
        maxInFlightRequestsPerConnection: 10,
        retries: 0,
      });
    });
  });

  describe("delivery.timeout.ms ≥ linger.ms + request.timeout.ms (KafkaProducer.configureDeliveryTimeout)", () => {
    it("rejects an explicit delivery timeout below the sum", () => {
      expect(
        parseProducerConfig({ "delivery.timeout.ms": 1000, "request.timeout.ms": 1000, "linger.ms": 5 }, PATH)
          .errors,
      ).toEqual([
        {
          path: "producers[0].config.delivery.timeout.ms",
          message:
            "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms (1000 < 5 + 1000)",
        },
      ]);
    });

    it("raises the default delivery timeout to the sum instead", () => {
      const parsed = parseProducerConfig({ "request.timeout.ms": 200000 }, PATH);
      expect(parsed.errors).toEqual([]);
      expect(parsed.config.deliveryTimeoutMs).toBe(200005);
      expect(parsed.notes[0]?.message).toBe(
        "raised to linger.ms + request.timeout.ms = 200005 (as Kafka does)",
      );
    });
  });

  it("writes back only what differs from Kafka's defaults, under Kafka's names", () => {
    const { config } = parseProducerConfig({ acks: 1, "linger.ms": 0, partitioner: "round-robin" }, PATH);
    expect(producerConfigToKafka(config)).toEqual({ acks: 1, "linger.ms": 0, partitioner: "round-robin" });
  });

  it("leaves out what Kafka derives, but keeps an explicit value it would not derive", () => {
    const derived = parseProducerConfig({ "request.timeout.ms": 200000, retries: 0 }, PATH).config;
    expect(producerConfigToKafka(derived)).toEqual({ retries: 0, "request.timeout.ms": 200000 });
    const explicit = parseProducerConfig(
      { "enable.idempotence": false, "delivery.timeout.ms": 40000 },
      PATH,
    ).config;
    expect(producerConfigToKafka(explicit)).toEqual({
      "enable.idempotence": false,
      "delivery.timeout.ms": 40000,
    });
  });

  it("rejects a config block that is not a mapping", () => {
    expect(parseProducerConfig(["acks"], PATH).errors).toEqual([
      { path: PATH, message: "expected a mapping of producer configs (Kafka's dotted names), got a list" },
    ]);
  });
});
