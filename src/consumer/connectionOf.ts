/**
 * Which connection a consumer request rides: group requests go to the coordinator on a connection
 * of their own (see connectionChannelOf), so group requests and fetches to one broker do not share
 * a socket: closing one does not fail requests on the other.
 */
import { type ConnectionChannel, connectionChannelOf } from "../protocol/connectionChannel";

export function connectionOf(peer: string, responseType: string): string {
  return connectionOnChannel(peer, connectionChannelOf({ type: responseType }));
}

/** The name of the connection to `peer` on `channel`. */
export function connectionOnChannel(peer: string, channel: ConnectionChannel): string {
  return channel === "coordinator" ? `${peer}/coordinator` : peer;
}
