/**
 * `nonmonotonic-send`: one producer instance's sends to one partition landed out of order.
 *
 * Per (client, topic, partition), the `SendOk`s with a known offset (>= 0) are ordered by the
 * history index of their invoke. A send invoked later that got a lower offset than an earlier
 * invoked one is a reordering; it is paired with the earlier send holding the highest offset so
 * far. Every later send that lands below that same earlier send is one reordering, so it is
 * reported once (with the first such later send) with a count of the others, stamped with
 * whichever of the pair's two acks came last (the moment the reordering became visible).
 */
import type { HistoryOp } from "../history/types";
import { partitionName } from "../history/types";
import { plural } from "./_internals/text";
import type { CheckContext, HistoryChecker, OpKind } from "./historyChecker";
import type { Violation } from "./violation";

/**
 * One client's acknowledged sends to one partition, as columns (one entry per ack, in ack order):
 * numbers and shared strings only, so a million acks cost the garbage collector no objects.
 */
interface Stream {
  readonly client: string;
  readonly partition: string;
  readonly invokeIndexes: number[];
  readonly ackIndexes: number[];
  readonly offsets: number[];
  readonly values: string[];
  readonly timesUs: number[];
  readonly traceIndexes: number[];
}

export class NonmonotonicSendChecker implements HistoryChecker {
  readonly name = "nonmonotonic-send";
  readonly kinds: readonly OpKind[] = ["send:invoke", "send:ok", "send:fail", "send:info"];
  /**
   * Client → history index of each invoke by send id, while the send is in flight (-1 after). Send
   * ids come from one counter, so an array indexed by them fills nearly densely.
   */
  private readonly invokeIndexById = new Map<string, number[]>();
  /** Client → partition → its acknowledged sends. */
  private readonly streams = new Map<string, Map<string, Stream>>();

  observe(op: HistoryOp): void {
    if (op.f !== "send") return;
    let invokes = this.invokeIndexById.get(op.client);
    if (invokes === undefined) this.invokeIndexById.set(op.client, (invokes = []));
    if (op.type === "invoke") {
      invokes[op.id] = op.index;
      return;
    }
    const invoked = invokes[op.id];
    const invokeIndex = invoked === undefined || invoked < 0 ? op.index : invoked;
    invokes[op.id] = -1;
    if (op.type !== "ok" || op.offset < 0) return;
    const stream = this.streamOf(op.client, partitionName(op));
    stream.invokeIndexes.push(invokeIndex);
    stream.ackIndexes.push(op.index);
    stream.offsets.push(op.offset);
    stream.values.push(op.value);
    stream.timesUs.push(op.timeUs);
    stream.traceIndexes.push(op.traceIndex);
  }

  finish(_context: CheckContext): Violation[] {
    const violations: Violation[] = [];
    for (const streams of this.streams.values()) for (const stream of streams.values()) violations.push(...reorderings(stream));
    return violations;
  }

  private streamOf(client: string, partition: string): Stream {
    let streams = this.streams.get(client);
    if (streams === undefined) this.streams.set(client, (streams = new Map()));
    let stream = streams.get(partition);
    if (stream === undefined) {
      stream = { client, partition, invokeIndexes: [], ackIndexes: [], offsets: [], values: [], timesUs: [], traceIndexes: [] };
      streams.set(partition, stream);
    }
    return stream;
  }
}

/** The stream's entries in invoke order (acks mostly come in invoke order: then no sort is needed). */
function byInvoke(stream: Stream): number[] {
  const invokes = stream.invokeIndexes;
  const order = invokes.map((_, i) => i);
  for (let i = 1; i < invokes.length; i++) {
    if (invokes[i]! < invokes[i - 1]!) return order.sort((a, b) => invokes[a]! - invokes[b]!);
  }
  return order;
}

function reorderings(stream: Stream): Violation[] {
  const { offsets, ackIndexes } = stream;
  /** Earlier send with the highest offset so far → the later sends that landed below it. */
  const overtaken = new Map<number, number[]>();
  let highest = -1;
  const order = byInvoke(stream);
  // An index loop: this runs once per run, unoptimised, where for-of allocates a step per entry.
  for (let i = 0; i < order.length; i++) {
    const entry = order[i]!;
    if (highest < 0 || offsets[entry]! > offsets[highest]!) {
      highest = entry;
    } else if (offsets[entry]! < offsets[highest]!) {
      const later = overtaken.get(highest);
      if (later === undefined) overtaken.set(highest, [entry]);
      else later.push(entry);
    }
  }
  const violations: Violation[] = [];
  for (const [earlier, laterSends] of overtaken) {
    const first = laterSends[0]!;
    const visibleAt = ackIndexes[first]! > ackIndexes[earlier]! ? first : earlier;
    const others =
      laterSends.length > 1
        ? `; ${plural(laterSends.length - 1, "more later send")} also landed below it`
        : "";
    const earlierValue = stream.values[earlier]!;
    const firstValue = stream.values[first]!;
    violations.push({
      check: "nonmonotonic-send",
      partition: stream.partition,
      offsets: [offsets[earlier]!, offsets[first]!],
      values: [earlierValue, firstValue],
      timeUs: stream.timesUs[visibleAt]!,
      traceIndex: stream.traceIndexes[visibleAt]!,
      message: `${stream.client} sent ${firstValue} to ${stream.partition} after ${earlierValue}, yet it got offset ${offsets[first]}, below ${offsets[earlier]}${others}`,
    });
  }
  return violations;
}
