/**
 * A client closed its connection to a broker: it gave up on a request there, as Kafka's
 * NetworkClient closes a connection whose request timed out. It travels as TCP's FIN does, after
 * everything the client sent before it and over the same link (a partition that cuts the link
 * keeps it from the broker), and tells the broker to drop the requests it had not yet read there.
 * The client's next request opens a new connection.
 */
import type { Message } from "../kernel/node";
import type { ConnectionChannel } from "./connectionChannel";

export interface ClientClosedConnection extends Message {
  readonly type: "ClientClosedConnection";
  readonly channel: ConnectionChannel;
}

export const DATA_CONNECTION_CLOSED: ClientClosedConnection = { type: "ClientClosedConnection", channel: "data" };
export const COORDINATOR_CONNECTION_CLOSED: ClientClosedConnection = { type: "ClientClosedConnection", channel: "coordinator" };

export function isClientClosedConnection(message: Message): message is ClientClosedConnection {
  return message.type === "ClientClosedConnection";
}
