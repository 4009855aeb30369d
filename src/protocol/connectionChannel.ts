/**
 * Which of a client's connections to one broker a message rides. Kafka's consumer opens a socket
 * of its own to its group coordinator (node id Integer.MAX_VALUE − broker id), apart from the one
 * it fetches on, so a failure of one leaves the other's requests alone.
 */
import type { ConnectionClosed, Message } from "../kernel/node";
import { COORDINATOR_CONNECTION_TYPES } from "./groupMessages";

/** A client's connections to one broker: fetches and produces, and its group coordinator's own. */
export type ConnectionChannel = "data" | "coordinator";

/** The channel `message` rides: a client's own close names it; a group request or answer rides the coordinator's. */
export function connectionChannelOf(message: Message): ConnectionChannel {
  const named = (message as { channel?: unknown }).channel;
  if (named === "data" || named === "coordinator") return named;
  return COORDINATOR_CONNECTION_TYPES.has(message.type) ? "coordinator" : "data";
}

/** The channel whose connection a notice says broke; undefined when every connection to the peer closed. */
export function closedChannel(notice: ConnectionClosed): ConnectionChannel | undefined {
  const channel = notice.channel;
  return channel === "data" || channel === "coordinator" ? channel : undefined;
}
