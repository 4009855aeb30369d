/**
 * A binary min-heap of scheduled entries ordered by (timeUs, seq). The sequence number is
 * assigned at insertion, so entries due at the same instant come out first-in, first-out:
 * the one property that keeps equal-time events deterministic.
 *
 * Cancellation is lazy (a flag checked on pop); when cancelled entries outnumber live ones the
 * heap is rebuilt, so a storm of cancelled timeouts cannot grow it without bound.
 */
import type { Micros } from "./time";

export interface Scheduled {
  timeUs: Micros;
  /** Insertion number while queued; -1 once popped (cancelling it then is a no-op). */
  seq: number;
  cancelled: boolean;
}

const NOT_QUEUED = -1;

const COMPACT_MIN_CANCELLED = 1024;

export class EventQueue<E extends Scheduled> {
  private heap: E[] = [];
  private nextSeq = 0;
  private cancelledCount = 0;

  /** Number of live (not cancelled) entries. */
  get size(): number {
    return this.heap.length - this.cancelledCount;
  }

  push(entry: E): E {
    entry.seq = this.nextSeq++;
    entry.cancelled = false;
    const heap = this.heap;
    heap.push(entry);
    this.siftUp(heap.length - 1);
    return entry;
  }

  /** Removes and returns the earliest live entry, or undefined when none is left. */
  pop(): E | undefined {
    for (;;) {
      const top = this.popRaw();
      if (top === undefined) return undefined;
      if (!top.cancelled) return top;
      this.cancelledCount--;
    }
  }

  /**
   * Removes and returns the earliest live entry if it is due at or before `timeMaxUs`; undefined
   * when the queue is empty or the next entry is later (the simulator's one call per event).
   */
  popDue(timeMaxUs: Micros): E | undefined {
    const top = this.heap[0];
    if (top === undefined || top.timeUs > timeMaxUs) return undefined;
    this.popRaw();
    if (!top.cancelled) return top;
    this.cancelledCount--;
    return this.popDueAfterCancelled(timeMaxUs);
  }

  /** `popDue`'s loop over cancelled entries, kept out of the hot path. */
  private popDueAfterCancelled(timeMaxUs: Micros): E | undefined {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || top.timeUs > timeMaxUs) return undefined;
      this.popRaw();
      if (!top.cancelled) return top;
      this.cancelledCount--;
    }
  }

  /** Time of the earliest live entry without removing it. */
  peekTimeUs(): Micros | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) {
      this.popRaw();
      this.cancelledCount--;
    }
    return this.heap[0]?.timeUs;
  }

  /** Cancels a queued entry; an entry already popped (a timer that fired) is left alone. */
  cancel(entry: E): void {
    if (entry.cancelled || entry.seq === NOT_QUEUED) return;
    entry.cancelled = true;
    this.cancelledCount++;
    if (this.cancelledCount > COMPACT_MIN_CANCELLED && this.cancelledCount * 2 > this.heap.length) {
      this.compact();
    }
  }

  private popRaw(): E | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    top.seq = NOT_QUEUED;
    return top;
  }

  private compact(): void {
    for (const entry of this.heap) if (entry.cancelled) entry.seq = NOT_QUEUED;
    this.heap = this.heap.filter((entry) => !entry.cancelled);
    this.cancelledCount = 0;
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const entry = heap[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!before(entry, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = entry;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const length = heap.length;
    const entry = heap[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, entry)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = entry;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.timeUs < b.timeUs || (a.timeUs === b.timeUs && a.seq < b.seq);
}
