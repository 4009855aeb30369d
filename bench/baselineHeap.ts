/**
 * The floor the kernel is measured against: a minimal stable binary heap ordered by
 * (time, insertion sequence), with nothing else — no handlers, no network, no trace.
 * Deliberately separate from src/kernel's EventQueue so the comparison is honest.
 */
export interface BaselineEntry {
  readonly timeUs: number;
  readonly seq: number;
}

export class BaselineHeap {
  private readonly heap: BaselineEntry[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(timeUs: number): void {
    const heap = this.heap;
    const entry: BaselineEntry = { timeUs, seq: this.nextSeq++ };
    let index = heap.length;
    heap.push(entry);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!earlier(entry, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = entry;
  }

  pop(): BaselineEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    const length = heap.length;
    if (length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && earlier(heap[right]!, heap[left]!) ? right : left;
      if (!earlier(heap[child]!, last)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}

function earlier(a: BaselineEntry, b: BaselineEntry): boolean {
  return a.timeUs < b.timeUs || (a.timeUs === b.timeUs && a.seq < b.seq);
}
