import { describe, expect, it } from "vitest";
import { javaStringHashCode, kafkaAbs, partitionForGroup } from "../../src/broker/groupPartitioner";

describe("group → __consumer_offsets partition", () => {
  it("hashes as Java's String.hashCode", () => {
    expect(javaStringHashCode("")).toBe(0);
    expect(javaStringHashCode("hello")).toBe(99162322);
    expect(javaStringHashCode("billing")).toBe(-109829509);
    expect(javaStringHashCode("polygenelubricants")).toBe(-0x80000000);
  });

  it("maps Integer.MIN_VALUE to 0 as Kafka's Utils.abs does", () => {
    expect(kafkaAbs(-0x80000000)).toBe(0);
    expect(partitionForGroup("polygenelubricants", 50)).toBe(0);
    expect(partitionForGroup("billing", 50)).toBe(109829509 % 50);
    expect(partitionForGroup("hello", 50)).toBe(99162322 % 50);
  });
});
