/**
 * The broker's side of its client connections, as Kafka's SocketServer handles them: once a
 * request is read from a connection, the connection is muted until that request's response has
 * been sent (at once, for a request that gets none), so the requests of one connection are
 * handled strictly one after another, never in parallel. A producer with five acks=all requests
 * in flight on one connection therefore has one appended and waiting for the high watermark, and
 * four waiting unread behind it.
 *
 * A connection is one incarnation of a peer on one channel: clients talk to their group
 * coordinator on a connection of its own, apart from their fetches and produces. When the broker
 * hears a connection close, the requests still unread on it are gone with it; the one in progress
 * is answered into the void.
 */
import type { ConnectionClosed, Message } from "../kernel/node";
import { type ConnectionChannel, connectionChannelOf } from "../protocol/connectionChannel";
import { assert } from "../kernel/assert";
import { GROUP_MESSAGE_TYPES } from "./groupCoordinator";

/** A request, as far as the channel cares: what answers it carries. */
interface Request extends Message {
  readonly correlationId: number;
  /** Present on ProduceRequest: with 0 no response is sent. */
  readonly acks?: number;
}

interface Connection {
  readonly from: string;
  readonly incarnation: number;
  readonly channel: ConnectionChannel;
  /** The request being handled, until its response leaves; undefined when the connection is open to read. */
  inProgress: number | undefined;
  readonly unread: Request[];
  closed: boolean;
  /** A read of the next request is due as an event of its own. */
  readScheduled: boolean;
}


/** Requests a client can have waiting on one connection: its in-flight limit bounds them, and this bounds that. */
export const UNREAD_REQUESTS_MAX = 64;

/** The requests a broker answers; everything else it receives is an answer to itself or a push. */
const REQUEST_TYPES: ReadonlySet<string> = new Set([
  "ProduceRequest",
  "FetchRequest",
  "ListOffsetsRequest",
  "OffsetsForLeaderEpochRequest",
  "MetadataRequest",
  "InitProducerIdRequest",
  ...GROUP_MESSAGE_TYPES,
]);

export function isClientRequest(message: Message): boolean {
  return REQUEST_TYPES.has(message.type);
}

export class RequestChannels {
  /** Peer id → its open connections to this broker. */
  private readonly byPeer = new Map<string, Connection[]>();

  constructor(
    private readonly handle: (from: string, request: Message) => void,
    /**
     * Runs `read` as an event of its own, after the current one. Kafka reads a connection's next
     * request on a later turn of its network thread, never inside the handler that answered the
     * one before, so a handler is never re-entered halfway through a change of state.
     */
    private readonly defer: (read: () => void) => void,
  ) {}

  /** A request read off the network: handled now if its connection is open to read, else queued behind. */
  receive(from: string, fromIncarnation: number, message: Message): void {
    const connection = this.connectionOf(from, fromIncarnation, connectionChannelOf(message));
    assert(
      connection.unread.length < UNREAD_REQUESTS_MAX,
      () => `RequestChannels: ${from} has ${UNREAD_REQUESTS_MAX} requests unread on one connection`,
    );
    connection.unread.push(message as Request);
    if (!connection.readScheduled) this.readOne(connection);
  }

  /** Something the broker sent to `to`: a response unmutes the connection its request came on. */
  sent(to: string, message: Message): void {
    const connections = this.byPeer.get(to);
    if (connections === undefined || !message.type.endsWith("Response")) return;
    const correlationId = (message as Request).correlationId;
    const channel = connectionChannelOf(message);
    const connection = connections.find((c) => c.channel === channel && c.inProgress === correlationId);
    if (connection === undefined) return;
    connection.inProgress = undefined;
    this.scheduleRead(connection);
  }

  /** The broker heard connections from `from` close: of one incarnation or channel, or every one it has. */
  closed(from: string, notice: ConnectionClosed): void {
    this.closeWhere(
      from,
      (c) =>
        (notice.incarnation === undefined || c.incarnation <= notice.incarnation) &&
        (notice.channel === undefined || c.channel === notice.channel),
    );
  }

  /** `from` closed one of its connections itself: what it had not yet had read there is dropped. */
  closedByClient(from: string, incarnation: number, channel: ConnectionChannel): void {
    this.closeWhere(from, (c) => c.incarnation === incarnation && c.channel === channel);
  }

  private connectionOf(from: string, incarnation: number, channel: ConnectionChannel): Connection {
    const existing = this.byPeer.get(from)?.find((c) => c.incarnation === incarnation && c.channel === channel);
    if (existing !== undefined) return existing;
    // A newer incarnation's first request: the older ones' connections died with their processes.
    this.closeWhere(from, (c) => c.incarnation < incarnation);
    const connection: Connection = { from, incarnation, channel, inProgress: undefined, unread: [], closed: false, readScheduled: false };
    const connections = this.byPeer.get(from);
    if (connections === undefined) this.byPeer.set(from, [connection]);
    else connections.push(connection);
    return connection;
  }

  /** Closes `from`'s connections that match: what they had unread is gone, and they are forgotten. */
  private closeWhere(from: string, matches: (connection: Connection) => boolean): void {
    const connections = this.byPeer.get(from);
    if (connections === undefined) return;
    const open: Connection[] = [];
    for (const connection of connections) {
      if (!matches(connection)) {
        open.push(connection);
        continue;
      }
      connection.closed = true;
      connection.unread.length = 0;
    }
    if (open.length === 0) this.byPeer.delete(from);
    else this.byPeer.set(from, open);
  }

  private scheduleRead(connection: Connection): void {
    if (connection.readScheduled || connection.unread.length === 0) return;
    connection.readScheduled = true;
    this.defer(() => {
      connection.readScheduled = false;
      this.readOne(connection);
    });
  }

  /** Reads and handles the connection's next request, if it is open to read. */
  private readOne(connection: Connection): void {
    if (connection.closed || connection.inProgress !== undefined) return;
    const request = connection.unread.shift();
    if (request === undefined) return;
    connection.inProgress = request.correlationId;
    this.handle(connection.from, request);
    // An acks=0 produce is never answered: Kafka unmutes its connection once it is handled.
    if (request.type === "ProduceRequest" && request.acks === 0 && connection.inProgress === request.correlationId) {
      connection.inProgress = undefined;
    }
    if (connection.inProgress === undefined) this.scheduleRead(connection);
  }
}
