import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fingerprint } from "../../src/kernel/fingerprint";
import { Trace, type TraceEvent } from "../../src/kernel/trace";

type Word =
  { kind: "number"; value: number } | { kind: "string"; value: string } | { kind: "int32"; value: number };

const word: fc.Arbitrary<Word> = fc.oneof(
  fc.record({
    kind: fc.constant("number" as const),
    value: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.maxSafeInteger()),
  }),
  fc.record({ kind: fc.constant("string" as const), value: fc.string({ maxLength: 6 }) }),
  fc.record({
    kind: fc.constant("int32" as const),
    value: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  }),
);

function fingerprintOf(words: readonly Word[]): string {
  const hash = new Fingerprint();
  for (const w of words) {
    if (w.kind === "number") hash.mixNumber(w.value);
    else if (w.kind === "string") hash.mixString(w.value);
    else hash.mixInt32(w.value);
  }
  return hash.hex();
}

describe("Fingerprint", () => {
  it("is a pure function of what was mixed, in order", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        expect(fingerprintOf(words)).toBe(fingerprintOf(words));
        expect(fingerprintOf(words)).toMatch(/^[0-9a-f]{16}$/);
      }),
    );
  });

  it("depends on order and on every value", () => {
    const base = fingerprintOf([
      { kind: "string", value: "deliver" },
      { kind: "number", value: 5000 },
    ]);
    expect(
      fingerprintOf([
        { kind: "number", value: 5000 },
        { kind: "string", value: "deliver" },
      ]),
    ).not.toBe(base);
    expect(
      fingerprintOf([
        { kind: "string", value: "deliver" },
        { kind: "number", value: 5001 },
      ]),
    ).not.toBe(base);
    expect(
      fingerprintOf([
        { kind: "string", value: "delivex" },
        { kind: "number", value: 5000 },
      ]),
    ).not.toBe(base);
  });

  it("tells apart numbers beyond 32 bits, negatives and fractions", () => {
    const hexes = [2 ** 32 + 1, 1, -1, 2 ** 32 - 1, 0.5, 1.5, 2 ** 40].map((value) =>
      fingerprintOf([{ kind: "number", value }]),
    );
    expect(new Set(hexes).size).toBe(hexes.length);
  });

  it("mixes a uint32 and its int32 twin the same way (the bits are what count)", () => {
    expect(fingerprintOf([{ kind: "int32", value: -1 }])).toBe(
      fingerprintOf([{ kind: "number", value: 2 ** 32 - 1 }]),
    );
  });

  it("hashes a string the same whether its hash was cached or evicted", () => {
    const warm = new Fingerprint();
    for (let i = 0; i < 2000; i++) warm.stringHash(`evict-${i}`); // churn the caches
    const cold = new Fingerprint();
    for (const value of ["ping", "pong", "evict-7", "ping"])
      expect(warm.stringHash(value)).toBe(cold.stringHash(value));
  });
});

describe("Trace", () => {
  function feed(trace: Trace): void {
    trace.note("start", 0, "a", { incarnation: 1 });
    trace.linkMessage("deliver", 5000, 0, 1, "a", "b", { type: "ping" });
    trace.message("drop:loss", 6000, "b", "a", { type: "pong" });
    trace.nodeNote("timer", 7000, 1, "b");
    trace.note("crash", 8000, "b", { mode: "kill", clean: false, extra: undefined });
  }

  it("the fingerprint does not depend on whether events are recorded or watched", () => {
    const plain = new Trace();
    const recorded = new Trace({ record: true });
    const watched = new Trace();
    watched.subscribe(() => {});
    for (const trace of [plain, recorded, watched]) feed(trace);
    expect(recorded.fingerprint()).toBe(plain.fingerprint());
    expect(watched.fingerprint()).toBe(plain.fingerprint());
    expect(plain.events).toEqual([]);
    expect(plain.length).toBe(5);
  });

  it("records events with their index, kind, node, receiver and detail", () => {
    const trace = new Trace({ record: true });
    feed(trace);
    expect(trace.events.map(({ index, timeUs, kind, node, to }) => [index, timeUs, kind, node, to])).toEqual([
      [0, 0, "start", "a", undefined],
      [1, 5000, "deliver", "a", "b"],
      [2, 6000, "drop:loss", "b", "a"],
      [3, 7000, "timer", "b", undefined],
      [4, 8000, "crash", "b", undefined],
    ]);
    expect(trace.events[1]!.detail).toEqual({ type: "ping" });
    expect(trace.events[4]!.detail).toEqual({ mode: "kill", clean: false, extra: undefined });
  });

  it("keeps at most recordMax events but counts and hashes them all; listeners still see every one", () => {
    const bounded = new Trace({ record: true, recordMax: 2 });
    const seen: TraceEvent[] = [];
    const watchedAndBounded = new Trace({ record: true, recordMax: 2 });
    watchedAndBounded.subscribe((event) => seen.push(event));
    feed(bounded);
    feed(watchedAndBounded);
    expect(bounded.events.map((event) => event.index)).toEqual([0, 1]);
    expect(bounded.length).toBe(5);
    expect(bounded.fingerprint()).toBe(watchedAndBounded.fingerprint());
    expect(seen.map((event) => event.index)).toEqual([0, 1, 2, 3, 4]);
    expect(watchedAndBounded.events.length).toBe(2);
  });

  it("every detail value and every endpoint reaches the fingerprint", () => {
    const variants = [
      (t: Trace) => t.note("crash", 1, "b", { mode: "kill" }),
      (t: Trace) => t.note("crash", 1, "b", { mode: "power-loss" }),
      (t: Trace) => t.note("crash", 1, "b", { mode: "kill", extra: 1 }),
      (t: Trace) => t.note("crash", 1, "c", { mode: "kill" }),
      (t: Trace) => t.linkMessage("deliver", 1, 0, 1, "a", "b", { type: "ping" }),
      (t: Trace) => t.linkMessage("deliver", 1, 1, 0, "b", "a", { type: "ping" }),
      (t: Trace) => t.linkMessage("deliver", 1, 0, 1, "a", "b", { type: "pong" }),
      (t: Trace) => t.linkMessage("drop:loss", 1, 0, 1, "a", "b", { type: "ping" }),
      (t: Trace) => t.nodeNote("timer", 1, 0, "a"),
      (t: Trace) => t.nodeNote("timer", 1, 1, "b"),
    ];
    const hexes = variants.map((write) => {
      const trace = new Trace();
      write(trace);
      return trace.fingerprint();
    });
    expect(new Set(hexes).size).toBe(hexes.length);
  });

  it("linkMessage remembers message types without mixing them up as they alternate", () => {
    const types = ["a", "b", "c", "a", "c", "b", "b", "a"];
    const viaMemo = new Trace();
    const reference = new Fingerprint();
    for (const [i, type] of types.entries()) {
      viaMemo.linkMessage("deliver", i, 0, 1, "x", "y", { type });
      reference.mixInt32(reference.stringHash("deliver") ^ 1);
      reference.mixNumber(i);
      reference.mixString(type);
    }
    expect(viaMemo.fingerprint()).toBe(reference.hex());
  });
});
