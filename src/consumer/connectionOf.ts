/**
 * Which connection a consumer request rides: group requests go to the coordinator on a connection
 * of their own (see COORDINATOR_CONNECTION_TYPES), so group requests and fetches to one broker do
 * not share a socket: closing one does not fail requests on the other.
 */
import { COORDINATOR_CONNECTION_TYPES } from "../protocol/groupMessages";

export function connectionOf(peer: string, responseType: string): string {
  return COORDINATOR_CONNECTION_TYPES.has(responseType) ? `${peer}/coordinator` : peer;
}
