import { describe, expect, it } from "vitest";
import { didYouMean, didYouMeanSuffix, editDistance } from "../../src/config/didYouMean";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps as one edit each", () => {
    expect(editDistance("acks", "acks")).toBe(0);
    expect(editDistance("acks", "ack")).toBe(1);
    expect(editDistance("acks", "acsk")).toBe(1);
    expect(editDistance("acks", "axks")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("didYouMean", () => {
  const names = ["acks", "retries", "enable.idempotence", "max.in.flight.requests.per.connection"];

  it("suggests the closest name within a third of its length", () => {
    expect(didYouMean("acsk", names)).toBe("acks");
    expect(didYouMean("enable.idempotance", names)).toBe("enable.idempotence");
  });

  it("sees through case and separator mix-ups", () => {
    expect(didYouMean("enable_idempotence", names)).toBe("enable.idempotence");
    expect(didYouMean("enableIdempotence", names)).toBe("enable.idempotence");
    expect(didYouMean("MAX-IN-FLIGHT-REQUESTS-PER-CONNECTION", names)).toBe(
      "max.in.flight.requests.per.connection",
    );
  });

  it("stays quiet when nothing is plausibly meant", () => {
    expect(didYouMean("compression.type", names)).toBeUndefined();
    expect(didYouMeanSuffix("zzz", names)).toBe("");
    expect(didYouMeanSuffix("retires", names)).toBe(' (did you mean "retries"?)');
  });
});
