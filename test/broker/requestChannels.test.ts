import { describe, expect, it } from "vitest";
import { RequestChannels, UNREAD_REQUESTS_MAX } from "../../src/broker/requestChannels";
import { CONNECTION_CLOSED_MESSAGE, connectionClosedOn, connectionsOfIncarnationClosed, type Message } from "../../src/kernel/node";
import { addScriptedClient } from "../support/scriptedClient";
import { runFor, startCluster, values } from "../support/clusterFixture";

const produce = (correlationId: number, acks = -1): Message & { correlationId: number } =>
  ({ type: "ProduceRequest", correlationId, acks }) as Message & { correlationId: number };
const response = (type: string, correlationId: number): Message => ({ type, correlationId }) as Message;

const correlationIdOf = (message: Message): number => (message as unknown as { correlationId: number }).correlationId;

/**
 * A RequestChannels whose handler records what it was handed (answering nothing unless told to),
 * with deferred reads kept until `settle` runs them, as the simulator runs later events.
 */
function recording(answer?: (channels: RequestChannels, from: string, request: Message) => void): {
  channels: RequestChannels;
  handled: string[];
  settle: () => void;
} {
  const handled: string[] = [];
  const deferred: (() => void)[] = [];
  const channels: RequestChannels = new RequestChannels(
    (from, request) => {
      handled.push(`${from}:${request.type}:${correlationIdOf(request)}`);
      answer?.(channels, from, request);
    },
    (read) => deferred.push(read),
  );
  const settle = (): void => {
    while (deferred.length > 0) deferred.shift()!();
  };
  return { channels, handled, settle };
}

describe("RequestChannels: one request per connection at a time, as Kafka mutes a connection", () => {
  it("holds a connection's next request unread until the response to the one before has been sent", () => {
    const { channels, handled, settle } = recording();
    channels.receive("p", 1, produce(1));
    channels.receive("p", 1, produce(2));
    channels.receive("p", 1, produce(3));
    settle();
    expect(handled).toEqual(["p:ProduceRequest:1"]);
    channels.sent("p", response("ProduceResponse", 2)); // not the one in progress: nothing moves
    settle();
    expect(handled).toEqual(["p:ProduceRequest:1"]);
    channels.sent("p", response("ProduceResponse", 1));
    expect(handled).toEqual(["p:ProduceRequest:1"]); // read on as an event of its own, later
    settle();
    expect(handled).toEqual(["p:ProduceRequest:1", "p:ProduceRequest:2"]);
    channels.sent("p", response("ProduceResponse", 2));
    settle();
    expect(handled).toEqual(["p:ProduceRequest:1", "p:ProduceRequest:2", "p:ProduceRequest:3"]);
  });

  it("reads on after an acks=0 produce, which is never answered", () => {
    const { channels, handled, settle } = recording();
    channels.receive("p", 1, produce(1, 0));
    channels.receive("p", 1, produce(2, 0));
    channels.receive("p", 1, produce(3));
    channels.receive("p", 1, produce(4, 0));
    settle();
    expect(handled).toEqual(["p:ProduceRequest:1", "p:ProduceRequest:2", "p:ProduceRequest:3"]);
  });

  it("never re-enters the handler: a request answered while handled is followed by the next in a later event", () => {
    let depth = 0;
    let deepest = 0;
    const { channels, handled, settle } = recording((self, from, request) => {
      depth++;
      deepest = Math.max(deepest, depth);
      self.sent(from, response("MetadataResponse", correlationIdOf(request)));
      depth--;
    });
    channels.receive("p", 1, { type: "MetadataRequest", correlationId: 1 } as Message);
    channels.receive("p", 1, { type: "MetadataRequest", correlationId: 2 } as Message);
    channels.receive("p", 1, { type: "MetadataRequest", correlationId: 3 } as Message);
    settle();
    expect(handled).toEqual(["p:MetadataRequest:1", "p:MetadataRequest:2", "p:MetadataRequest:3"]);
    expect(deepest).toBe(1);
  });

  it("keeps peers, incarnations and the coordinator connection apart", () => {
    const { channels, handled, settle } = recording();
    channels.receive("c", 1, { type: "FetchRequest", correlationId: 1 } as Message);
    channels.receive("c", 1, { type: "HeartbeatRequest", correlationId: 2 } as Message); // coordinator connection
    channels.receive("c", 1, { type: "FindCoordinatorRequest", correlationId: 3 } as Message); // behind the fetch
    channels.receive("d", 1, produce(4)); // another peer
    settle();
    expect(handled).toEqual(["c:FetchRequest:1", "c:HeartbeatRequest:2", "d:ProduceRequest:4"]);
    channels.sent("c", response("FetchResponse", 1));
    settle();
    expect(handled.at(-1)).toBe("c:FindCoordinatorRequest:3");

    channels.receive("c", 1, produce(5)); // behind the FindCoordinator, never answered
    channels.receive("c", 2, produce(6)); // a restarted c talks on a new connection
    channels.sent("c", response("FindCoordinatorResponse", 3)); // the old process's: it is gone
    settle();
    expect(handled.slice(4)).toEqual(["c:ProduceRequest:6"]);
  });

  it("drops what was unread on a connection that closed: a dead incarnation's only, or all on a broken link", () => {
    const { channels, handled, settle } = recording();
    channels.receive("p", 1, produce(1));
    channels.receive("p", 1, produce(2));
    channels.receive("q", 1, produce(20));
    channels.receive("q", 1, produce(21));
    channels.closed("p", connectionsOfIncarnationClosed(1));
    channels.sent("p", response("ProduceResponse", 1)); // answered into the void: 2 was dropped
    channels.sent("q", response("ProduceResponse", 20)); // q's connection is untouched
    settle();
    expect(handled).toEqual(["p:ProduceRequest:1", "q:ProduceRequest:20", "q:ProduceRequest:21"]);

    channels.receive("p", 3, produce(10));
    channels.receive("p", 3, produce(11));
    channels.closed("p", connectionsOfIncarnationClosed(2)); // an older incarnation's: 3 stays open
    channels.sent("p", response("ProduceResponse", 10));
    settle();
    expect(handled.slice(3)).toEqual(["p:ProduceRequest:10", "p:ProduceRequest:11"]);

    channels.receive("p", 3, produce(12));
    channels.closed("p", CONNECTION_CLOSED_MESSAGE); // the link broke: every connection from p
    channels.sent("p", response("ProduceResponse", 11));
    channels.receive("p", 3, produce(13)); // p reconnected
    settle();
    expect(handled.slice(5)).toEqual(["p:ProduceRequest:13"]);
  });

  it("drops what a client left unread on a connection it closed itself, and that connection only", () => {
    const { channels, handled, settle } = recording();
    channels.receive("c", 1, produce(1)); // in progress
    channels.receive("c", 1, produce(2)); // unread behind it
    channels.receive("c", 1, { type: "HeartbeatRequest", correlationId: 3 } as Message);
    channels.receive("c", 1, { type: "HeartbeatRequest", correlationId: 4 } as Message);
    channels.closedByClient("c", 1, "data"); // the client gave up on its data connection
    channels.receive("c", 1, produce(5)); // and sends again on a new one: read at once
    settle();
    expect(handled).toEqual(["c:ProduceRequest:1", "c:HeartbeatRequest:3", "c:ProduceRequest:5"]);
    channels.sent("c", response("ProduceResponse", 1)); // the old connection's answer moves nothing
    channels.sent("c", response("HeartbeatResponse", 3)); // the coordinator connection reads on
    settle();
    expect(handled.slice(3)).toEqual(["c:HeartbeatRequest:4"]);
  });

  it("drops what was unread on a broken connection of one channel, and on that channel only", () => {
    const { channels, handled, settle } = recording();
    channels.receive("c", 1, produce(1)); // in progress
    channels.receive("c", 1, produce(2)); // unread behind it
    channels.receive("c", 1, { type: "HeartbeatRequest", correlationId: 3 } as Message);
    channels.receive("c", 1, { type: "HeartbeatRequest", correlationId: 4 } as Message);
    channels.closed("c", connectionClosedOn("coordinator")); // a group request was lost
    channels.sent("c", response("ProduceResponse", 1)); // the data connection reads on
    channels.sent("c", response("HeartbeatResponse", 3)); // the old coordinator connection's: moves nothing
    channels.receive("c", 1, { type: "HeartbeatRequest", correlationId: 5 } as Message); // a new one: read at once
    settle();
    expect(handled).toEqual(["c:ProduceRequest:1", "c:HeartbeatRequest:3", "c:HeartbeatRequest:5", "c:ProduceRequest:2"]);
  });

  it("bounds the requests waiting on one connection", () => {
    const { channels } = recording();
    // One in progress, then the most that may wait behind it.
    for (let id = 1; id <= UNREAD_REQUESTS_MAX + 1; id++) channels.receive("p", 1, produce(id));
    expect(() => channels.receive("p", 1, produce(UNREAD_REQUESTS_MAX + 2))).toThrow(/requests unread on one connection/);
  });
});

describe("a broker handles one connection's produces one after another", () => {
  it("appends a pipelined acks=all produce only once the one before it was committed and answered", () => {
    const cluster = startCluster();
    const client = addScriptedClient(cluster.sim, "client");
    runFor(cluster, 1000);
    const leader = cluster.leaderOf("orders-0")!;
    const partition = cluster.broker(leader)!.replicas.partitions.get("orders-0")!;
    const highWatermarkAtAppend: number[] = [];
    cluster.sim.trace.watch(["append"], (event) => {
      if (event.node === leader) highWatermarkAtAppend.push(partition.highWatermark);
    });
    const first = client().produce(leader, "orders", 0, values("a", 0, 3));
    const second = client().produce(leader, "orders", 0, values("b", 0, 3));
    runFor(cluster, 500);
    expect(client().responseTo(first)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 0 });
    expect(client().responseTo(second)?.partitions[0]).toMatchObject({ error: "NONE", baseOffset: 3 });
    // The second batch was read only after the first was answered, so the HW already covered it.
    expect(highWatermarkAtAppend).toEqual([0, 3]);
  });
});
