/**
 * A request timeout closes the connection it rode (Kafka's NetworkClient.handleTimedOutRequests):
 * every other request in flight on that connection fails with it. The consumer's coordinator
 * requests ride a connection of their own, so a fetch timeout leaves them alone.
 */
import { describe, expect, it } from "vitest";
import { RequestTracker, type Correlated } from "../../src/consumer/requestTracker";
import type { ConnectionClosed, Message, NodeContext, SimNode } from "../../src/kernel/node";
import { Simulator } from "../../src/kernel/simulator";
import { msToMicros } from "../../src/kernel/time";
import { closedChannel, connectionChannelOf } from "../../src/protocol/connectionChannel";

interface Ask extends Correlated {
  readonly type: "FetchRequest" | "HeartbeatRequest";
  readonly name: string;
}

interface Answer extends Correlated {
  readonly type: "FetchResponse" | "HeartbeatResponse";
  readonly name: string;
}

/** Never answers "stalled"; answers anything else 500 ms later. */
class SlowServer implements SimNode {
  constructor(private readonly ctx: NodeContext) {}

  start(): void {}

  onMessage(from: string, message: Message): void {
    const ask = message as Ask;
    if (ask.name === "stalled") return;
    const type = ask.type === "FetchRequest" ? "FetchResponse" : "HeartbeatResponse";
    const answer: Answer = { type, correlationId: ask.correlationId, name: ask.name };
    this.ctx.setTimer(500, () => this.ctx.send(from, answer));
  }
}

class Asker implements SimNode {
  readonly tracker: RequestTracker;

  constructor(
    private readonly ctx: NodeContext,
    private readonly outcomes: string[],
  ) {
    this.tracker = new RequestTracker(ctx, 8);
  }

  start(): void {}

  ask(name: string, kind: "Fetch" | "Heartbeat", timeoutMs: number): void {
    this.tracker.send<Answer>(
      "server",
      (correlationId): Ask => ({ type: `${kind}Request`, correlationId, name }),
      `${kind}Response`,
      timeoutMs,
      () => this.outcomes.push(`${name} answered at ${this.ctx.nowMs()} ms`),
      () => this.outcomes.push(`${name} failed at ${this.ctx.nowMs()} ms`),
    );
  }

  onMessage(from: string, message: Message): void {
    if (message.type === "ConnectionClosed") this.tracker.disconnect(from, closedChannel(message as ConnectionClosed));
    else this.tracker.deliver(message);
  }
}

/** A slow server and an asker on 5 ms FIFO links that tell connections apart as the cluster's do. */
function askerAndServer(seed: string): { sim: Simulator; outcomes: string[]; client: () => Asker } {
  const sim = new Simulator({
    seed,
    network: {
      link: { latencyMinMs: 5, latencyMaxMs: 5, loss: 0, duplicate: 0 },
      fifo: true,
      channelOf: (message) => connectionChannelOf(message as Message),
    },
  });
  const outcomes: string[] = [];
  sim.addNode("server", (ctx) => new SlowServer(ctx));
  sim.addNode("client", (ctx) => new Asker(ctx, outcomes));
  sim.start("server");
  sim.start("client");
  return { sim, outcomes, client: () => sim.nodeOf("client") as Asker };
}

describe("a consumer request that times out", () => {
  it("fails the other requests on its connection at once, and only those", () => {
    const { sim, outcomes, client } = askerAndServer("timeout-closes");
    sim.at(0, () => client().ask("stalled", "Fetch", 1000));
    sim.at(msToMicros(800), () => {
      client().ask("fetch", "Fetch", 30_000);
      client().ask("heartbeat", "Heartbeat", 30_000);
    });
    sim.runUntil(msToMicros(3000));
    expect(outcomes).toEqual(["stalled failed at 1000 ms", "fetch failed at 1000 ms", "heartbeat answered at 1310 ms"]);
  });
});

describe("a consumer request lost on the network", () => {
  it("breaks only its own connection: a group request on the coordinator's goes on", () => {
    const { sim, outcomes, client } = askerAndServer("loss-breaks-one");
    const [clientIndex, serverIndex] = [sim.indexOf("client"), sim.indexOf("server")];
    sim.at(0, () => {
      client().ask("heartbeat", "Heartbeat", 30_000);
      sim.network.setLink(clientIndex, serverIndex, { loss: 1 });
      client().ask("fetch", "Fetch", 30_000);
      sim.network.clearLink(clientIndex, serverIndex);
    });
    sim.runUntil(msToMicros(3000));
    expect(outcomes).toEqual(["fetch failed at 5 ms", "heartbeat answered at 510 ms"]);
  });
});
