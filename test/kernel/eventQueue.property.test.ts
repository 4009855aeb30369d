/**
 * The event queue against a model: a plain array kept in (time, insertion) order. Whatever mix of
 * pushes, pops, cancellations and peeks, the queue hands out exactly what the model does —
 * equal times first-in first-out, cancelled entries never.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue, type Scheduled } from "../../src/kernel/eventQueue";

interface Entry extends Scheduled {
  readonly id: number;
}

/** The model: entries in the order they must come out. */
class SortedModel {
  private readonly entries: { id: number; timeUs: number; order: number }[] = [];
  private order = 0;

  push(id: number, timeUs: number): void {
    const entry = { id, timeUs, order: this.order++ };
    let index = this.entries.length;
    while (index > 0 && this.entries[index - 1]!.timeUs > timeUs) index--;
    this.entries.splice(index, 0, entry);
  }

  pop(timeMaxUs = Infinity): number | undefined {
    const first = this.entries[0];
    if (first === undefined || first.timeUs > timeMaxUs) return undefined;
    this.entries.shift();
    return first.id;
  }

  cancel(id: number): void {
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index >= 0) this.entries.splice(index, 1);
  }

  peekTimeUs(): number | undefined {
    return this.entries[0]?.timeUs;
  }

  get size(): number {
    return this.entries.length;
  }
}

type Command =
  | { op: "push"; timeUs: number }
  | { op: "pop" }
  | { op: "popDue"; timeMaxUs: number }
  | { op: "cancel"; pick: number }
  | { op: "peek" };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant("push" as const), timeUs: fc.integer({ min: 0, max: 8 }) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("pop" as const) }) },
  fc.record({ op: fc.constant("popDue" as const), timeMaxUs: fc.integer({ min: 0, max: 8 }) }),
  { weight: 2, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }) },
  fc.record({ op: fc.constant("peek" as const) }),
);

function entry(id: number, timeUs: number): Entry {
  return { id, timeUs, seq: 0, cancelled: false };
}

describe("EventQueue", () => {
  it("pops, cancels and peeks exactly like a sorted array (FIFO among equal times)", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 200 }), (commands) => {
        const queue = new EventQueue<Entry>();
        const model = new SortedModel();
        const handles: Entry[] = []; // every entry ever pushed, popped or not: cancelling any is legal
        for (const c of commands) {
          switch (c.op) {
            case "push": {
              const pushed = queue.push(entry(handles.length, c.timeUs));
              model.push(pushed.id, c.timeUs);
              handles.push(pushed);
              break;
            }
            case "pop":
              expect(queue.pop()?.id).toBe(model.pop());
              break;
            case "popDue":
              expect(queue.popDue(c.timeMaxUs)?.id).toBe(model.pop(c.timeMaxUs));
              break;
            case "cancel": {
              const handle = handles[c.pick % Math.max(1, handles.length)];
              if (handle === undefined) break;
              queue.cancel(handle);
              model.cancel(handle.id);
              break;
            }
            case "peek":
              expect(queue.peekTimeUs()).toBe(model.peekTimeUs());
              break;
          }
          expect(queue.size).toBe(model.size);
        }
        const rest: number[] = [];
        for (let next = queue.pop(); next !== undefined; next = queue.pop()) rest.push(next.id);
        const modelRest: number[] = [];
        for (let next = model.pop(); next !== undefined; next = model.pop()) modelRest.push(next);
        expect(rest).toEqual(modelRest);
      }),
      { numRuns: 300 },
    );
  });

  it("stays exact across compaction, when thousands of entries are cancelled", () => {
    const times = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2500, maxLength: 4000 });
    fc.assert(
      fc.property(times, fc.integer({ min: 0, max: 1000 }), (times, offset) => {
        const queue = new EventQueue<Entry>();
        const model = new SortedModel();
        const handles = times.map((timeUs, id) => {
          model.push(id, timeUs);
          return queue.push(entry(id, timeUs));
        });
        // Cancel two in three, in a scattered order, so that cancelled entries outnumber live ones.
        for (let i = 0; i < handles.length; i++) {
          const handle = handles[(i * 7 + offset) % handles.length]!;
          if (handle.id % 3 !== 0) {
            queue.cancel(handle);
            model.cancel(handle.id);
          }
        }
        expect(queue.size).toBe(model.size);
        const order: number[] = [];
        for (let next = queue.pop(); next !== undefined; next = queue.pop()) order.push(next.id);
        const modelOrder: number[] = [];
        for (let next = model.pop(); next !== undefined; next = model.pop()) modelOrder.push(next);
        expect(order).toEqual(modelOrder);
      }),
      { numRuns: 25 },
    );
  });

  it("cancelling an entry that was already popped (a timer that fired) changes nothing", () => {
    const queue = new EventQueue<Entry>();
    const fired = queue.push(entry(1, 5));
    queue.push(entry(2, 10));
    expect(queue.pop()?.id).toBe(1);
    queue.cancel(fired);
    queue.cancel(fired);
    expect(queue.size).toBe(1);
    expect(queue.pop()?.id).toBe(2);
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBeUndefined();
  });

  it("an entry pushed again after it was popped is queued afresh, behind earlier pushes at its time", () => {
    const queue = new EventQueue<Entry>();
    const first = queue.push(entry(1, 5));
    queue.pop();
    queue.push(entry(2, 5));
    first.timeUs = 5;
    queue.push(first);
    expect([queue.pop()?.id, queue.pop()?.id]).toEqual([2, 1]);
  });
});
