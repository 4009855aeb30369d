/**
 * A bare client node for broker-level tests: it sends whatever a test tells it to, over the
 * simulated network, and keeps every answer with its arrival time.
 */
import type { Message, NodeContext, SimNode } from "../../src/kernel/node";
import type { Simulator } from "../../src/kernel/simulator";
import type { Micros } from "../../src/kernel/time";
import type { ProduceRequest, ProduceResponse } from "../../src/protocol/dataMessages";

export interface Received {
  readonly timeUs: Micros;
  readonly from: string;
  readonly message: Message;
}

export class ScriptedClient implements SimNode {
  readonly received: Received[] = [];
  private nextCorrelationId = 1;

  constructor(readonly ctx: NodeContext) {}

  start(): void {}

  onMessage(from: string, message: Message): void {
    this.received.push({ timeUs: this.ctx.now(), from, message });
  }

  send(to: string, message: Message): void {
    this.ctx.send(to, message);
  }

  /** One batch of `values` to one partition; returns the correlation id. */
  produce(to: string, topic: string, partition: number, values: readonly string[], acks = -1, idempotence?: { producerId: number; producerEpoch: number; baseSequence: number }): number {
    const correlationId = this.nextCorrelationId++;
    const request: ProduceRequest = {
      type: "ProduceRequest",
      correlationId,
      acks,
      timeoutMs: 30000,
      partitions: [
        {
          topic,
          partition,
          batch: {
            producerId: idempotence?.producerId ?? -1,
            producerEpoch: idempotence?.producerEpoch ?? -1,
            baseSequence: idempotence?.baseSequence ?? -1,
            records: values.map((value) => ({ key: null, value })),
          },
        },
      ],
    };
    this.send(to, request);
    return correlationId;
  }

  produceResponses(): ProduceResponse[] {
    return this.received.map((r) => r.message).filter((m): m is ProduceResponse => m.type === "ProduceResponse");
  }

  responseTo(correlationId: number): ProduceResponse | undefined {
    return this.produceResponses().find((r) => r.correlationId === correlationId);
  }
}

/** Adds a scripted client node and returns a getter for its live incarnation. */
export function addScriptedClient(sim: Simulator, id: string): () => ScriptedClient {
  sim.addNode(id, (ctx) => new ScriptedClient(ctx));
  sim.start(id);
  return () => sim.nodeOf(id) as ScriptedClient;
}
