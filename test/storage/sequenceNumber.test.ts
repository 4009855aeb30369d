import { describe, expect, it } from "vitest";
import { NO_SEQUENCE } from "../../src/storage/recordBatch";
import {
  MAX_SEQUENCE,
  decrementSequence,
  incrementSequence,
  isNextSequence,
  lastSequenceOf,
} from "../../src/storage/sequenceNumber";
import { makeBatch } from "./batches";

describe("sequence numbers", () => {
  it("wrap from 2^31-1 to 0 both ways", () => {
    expect(incrementSequence(5, 3)).toBe(8);
    expect(incrementSequence(MAX_SEQUENCE, 1)).toBe(0);
    expect(incrementSequence(MAX_SEQUENCE - 1, 3)).toBe(1);
    expect(decrementSequence(1, 3)).toBe(MAX_SEQUENCE - 1);
    expect(decrementSequence(0, 1)).toBe(MAX_SEQUENCE);
    expect(decrementSequence(9, 4)).toBe(5);
  });

  it("a batch's last sequence wraps; non-idempotent batches have none", () => {
    expect(lastSequenceOf(makeBatch(0, { recordCount: 4, baseSequence: MAX_SEQUENCE - 1 }))).toBe(1);
    expect(lastSequenceOf(makeBatch(0, { recordCount: 4 }))).toBe(NO_SEQUENCE);
  });

  it("next sequence follows the last, including across the wrap", () => {
    expect(isNextSequence(4, 5)).toBe(true);
    expect(isNextSequence(4, 6)).toBe(false);
    expect(isNextSequence(MAX_SEQUENCE, 0)).toBe(true);
    expect(isNextSequence(NO_SEQUENCE, 0)).toBe(true);
  });
});
