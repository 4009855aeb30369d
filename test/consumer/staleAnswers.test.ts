/**
 * A restarted consumer must not take an answer meant for its previous incarnation (on TCP that
 * answer dies with the old connection): its request tracker must not match it to a request of
 * its own that happens to be out under the same correlation id.
 */
import { describe, expect, it } from "vitest";
import { RequestTracker, type Correlated } from "../../src/consumer/requestTracker";
import type { Message, NodeContext, SimNode } from "../../src/kernel/node";
import { Simulator } from "../../src/kernel/simulator";
import { msToMicros } from "../../src/kernel/time";

interface Ask extends Correlated {
  readonly type: "Ask";
  readonly askedBy: string;
}

interface Answer extends Correlated {
  readonly type: "Answer";
  readonly askedBy: string;
}

/** Answers every Ask 50 ms later, like a broker holding a request in purgatory. */
class SlowServer implements SimNode {
  constructor(private readonly ctx: NodeContext) {}

  start(): void {}

  onMessage(from: string, message: Message): void {
    if (message.type !== "Ask") return;
    const ask = message as Ask;
    const answer: Answer = { type: "Answer", correlationId: ask.correlationId, askedBy: ask.askedBy };
    this.ctx.setTimer(50, () => this.ctx.send(from, answer));
  }
}

/** Asks once at start, naming its incarnation, and keeps the answers its tracker hands it. */
class Asker implements SimNode {
  private readonly tracker: RequestTracker;

  constructor(
    private readonly ctx: NodeContext,
    private readonly name: string,
    private readonly answers: string[],
  ) {
    this.tracker = new RequestTracker(ctx, 8);
  }

  start(): void {
    this.tracker.send<Answer>(
      "server",
      (correlationId): Ask => ({ type: "Ask", correlationId, askedBy: this.name }),
      "Answer",
      30_000,
      (answer) => this.answers.push(`${this.name} got the answer to ${answer.askedBy}`),
      () => this.answers.push(`${this.name} timed out`),
    );
  }

  onMessage(_from: string, message: Message): void {
    this.tracker.deliver(message);
  }
}

describe("a consumer's request tracker across a restart", () => {
  it("ignores the answer to the previous incarnation's request", () => {
    const sim = new Simulator({ seed: "stale-answers", network: { link: { latencyMinMs: 5, latencyMaxMs: 5, loss: 0, duplicate: 0 }, fifo: true } });
    const answers: string[] = [];
    let incarnation = 0;
    sim.addNode("server", (ctx) => new SlowServer(ctx));
    sim.addNode("client", (ctx) => new Asker(ctx, `incarnation ${++incarnation}`, answers));
    sim.start("server");
    sim.start("client");
    sim.at(msToMicros(10), () => {
      sim.crash("client", "kill");
      sim.restart("client");
    });
    sim.runUntil(msToMicros(200));
    expect(answers).toEqual(["incarnation 2 got the answer to incarnation 2"]);
  });
});
