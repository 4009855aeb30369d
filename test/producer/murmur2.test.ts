import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { murmur2, murmur2OfKey, toPositive } from "../../src/producer/murmur2";
import { partitionForKey } from "../../src/producer/keyPartitioner";

// kafkajs's Java-compatible murmur2 and partitioner (the "default" partitioner since kafkajs 2).
const kafkajsMurmur2 = require("kafkajs/src/producer/partitioners/default/murmur2") as (
  key: string | Buffer,
) => number;
const createKafkajsPartitioner = require("kafkajs/src/producer/partitioners/default") as () => (args: {
  topic: string;
  partitionMetadata: { partitionId: number; leader: number }[];
  message: { key: string };
}) => number;

const PARTITION_COUNTS = [1, 3, 6, 7, 50, 64];

function kafkajsPartition(key: string, numPartitions: number): number {
  const partitionMetadata = Array.from({ length: numPartitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
  }));
  return createKafkajsPartitioner()({ topic: "t", partitionMetadata, message: { key } });
}

const anyKey = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 64 }),
);

describe("murmur2", () => {
  it("matches the vectors of Kafka's UtilsTest.testMurmur2", () => {
    expect(murmur2(new TextEncoder().encode("21"))).toBe(-973932308);
    expect(murmur2OfKey("foobar")).toBe(-790332482);
    expect(murmur2OfKey("a-little-bit-long-string")).toBe(-985981536);
    expect(murmur2OfKey("a-little-bit-longer-string")).toBe(-1486304829);
    expect(murmur2OfKey("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8")).toBe(-58897971);
    expect(murmur2OfKey("abc")).toBe(479470107);
  });

  it("equals kafkajs's Java-compatible murmur2 bit for bit on 10,000 generated keys", () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        expect(murmur2OfKey(key)).toBe(kafkajsMurmur2(key));
      }),
      { numRuns: 10_000, seed: 20240611 },
    );
  });

  it("partitions like kafkajs's default partitioner for 1, 3, 6, 7, 50 and 64 partitions", () => {
    fc.assert(
      fc.property(anyKey, fc.constantFrom(...PARTITION_COUNTS), (key, numPartitions) => {
        expect(partitionForKey(key, numPartitions)).toBe(kafkajsPartition(key, numPartitions));
      }),
      { numRuns: 10_000, seed: 7 },
    );
  });

  it("hashes lone surrogates as U+FFFD, like kafkajs", () => {
    for (const key of ["\ud800", "a\udfffb", "\ud83d"]) expect(murmur2OfKey(key)).toBe(kafkajsMurmur2(key));
  });

  it("toPositive clears the sign bit rather than negating", () => {
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(12345)).toBe(12345);
  });

  it("rejects a partition count that is not a positive integer", () => {
    expect(() => partitionForKey("k", 0)).toThrow(
      "partitionForKey: numPartitions must be a positive integer, got 0",
    );
  });
});
