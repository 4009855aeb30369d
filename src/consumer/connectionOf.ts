/**
 * Which connection a consumer request rides. Kafka's classic consumer opens a connection of its own
 * to the group coordinator (AbstractCoordinator names the coordinator node Integer.MAX_VALUE − its
 * broker id "to allow separate connections for the coordinator"), so group requests and fetches to
 * one broker do not share a socket: closing one does not fail requests on the other.
 */
const COORDINATOR_RESPONSES: ReadonlySet<string> = new Set([
  "JoinGroupResponse",
  "SyncGroupResponse",
  "HeartbeatResponse",
  "LeaveGroupResponse",
  "OffsetCommitResponse",
  "OffsetFetchResponse",
]);

export function connectionOf(peer: string, responseType: string): string {
  return COORDINATOR_RESPONSES.has(responseType) ? `${peer}/coordinator` : peer;
}
