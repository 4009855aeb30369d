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
import type { HistoryOp, SendOk } from "../history/types";
import { partitionName } from "../history/types";
import { plural } from "./_internals/text";
import type { CheckContext, HistoryChecker } from "./historyChecker";
import type { Violation } from "./violation";

/** One client's acknowledged sends to one partition: the acks and their invokes' indexes, in step. */
interface Stream {
  readonly client: string;
  readonly partition: string;
  readonly acks: SendOk[];
  readonly invokeIndexes: number[];
}

export class NonmonotonicSendChecker implements HistoryChecker {
  readonly name = "nonmonotonic-send";
  /** Client → send id → history index of the invoke, while the send is in flight. */
  private readonly invokeIndexById = new Map<string, Map<number, number>>();
  /** Client → partition → its acknowledged sends. */
  private readonly streams = new Map<string, Map<string, Stream>>();

  observe(op: HistoryOp): void {
    if (op.f !== "send") return;
    let invokes = this.invokeIndexById.get(op.client);
    if (invokes === undefined) this.invokeIndexById.set(op.client, (invokes = new Map()));
    if (op.type === "invoke") {
      invokes.set(op.id, op.index);
      return;
    }
    const invokeIndex = invokes.get(op.id) ?? op.index;
    invokes.delete(op.id);
    if (op.type !== "ok" || op.offset < 0) return;
    const partition = partitionName(op);
    let streams = this.streams.get(op.client);
    if (streams === undefined) this.streams.set(op.client, (streams = new Map()));
    let stream = streams.get(partition);
    if (stream === undefined) {
      stream = { client: op.client, partition, acks: [], invokeIndexes: [] };
      streams.set(partition, stream);
    }
    // The op itself is kept (no copy per ack): the history hands each op to the checkers once.
    stream.acks.push(op);
    stream.invokeIndexes.push(invokeIndex);
  }

  finish(_context: CheckContext): Violation[] {
    const violations: Violation[] = [];
    for (const streams of this.streams.values()) for (const stream of streams.values()) violations.push(...reorderings(stream));
    return violations;
  }
}

function reorderings(stream: Stream): Violation[] {
  const byInvoke = stream.acks
    .map((ack, i) => ({ invokeIndex: stream.invokeIndexes[i]!, ack }))
    .sort((a, b) => a.invokeIndex - b.invokeIndex);
  /** Earlier send with the highest offset so far → the later sends that landed below it. */
  const overtaken = new Map<SendOk, SendOk[]>();
  let highest: SendOk | undefined;
  for (const { ack } of byInvoke) {
    if (highest === undefined || ack.offset > highest.offset) {
      highest = ack;
    } else if (ack.offset < highest.offset) {
      const later = overtaken.get(highest);
      if (later === undefined) overtaken.set(highest, [ack]);
      else later.push(ack);
    }
  }
  const violations: Violation[] = [];
  for (const [earlier, laterSends] of overtaken) {
    const [first] = laterSends;
    if (first === undefined) continue;
    const visibleAt = first.index > earlier.index ? first : earlier;
    const others =
      laterSends.length > 1
        ? `; ${plural(laterSends.length - 1, "more later send")} also landed below it`
        : "";
    violations.push({
      check: "nonmonotonic-send",
      partition: stream.partition,
      offsets: [earlier.offset, first.offset],
      values: [earlier.value, first.value],
      timeUs: visibleAt.timeUs,
      traceIndex: visibleAt.traceIndex,
      message: `${stream.client} sent ${first.value} to ${stream.partition} after ${earlier.value}, yet it got offset ${first.offset}, below ${earlier.offset}${others}`,
    });
  }
  return violations;
}
