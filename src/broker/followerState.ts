/**
 * What a leader knows of one follower: the log end offset it last fetched at and when it was last
 * caught up (Kafka's lastCaughtUpTimeMs), which decides ISR shrinks and expansions.
 */
import type { Micros } from "../kernel/time";

export interface FollowerState {
  /** The follower's LEO as of its last fetch; -1 until it fetches in this leader epoch. */
  logEndOffset: number;
  lastCaughtUpTimeUs: Micros;
  lastFetchTimeUs: Micros;
  /** The leader's LEO when the follower last fetched. */
  lastFetchLeaderLogEndOffset: number;
  /** The broker epoch the follower sent with its last fetch. */
  brokerEpoch: number;
}

export function newFollowerState(nowUs: Micros, inSync: boolean): FollowerState {
  return {
    logEndOffset: -1,
    lastCaughtUpTimeUs: inSync ? nowUs : 0,
    lastFetchTimeUs: 0,
    lastFetchLeaderLogEndOffset: -1,
    brokerEpoch: -1,
  };
}

/** Records a fetch at `fetchOffset`, as Kafka's Replica.updateFetchState does. */
export function recordFetch(
  state: FollowerState,
  fetchOffset: number,
  leaderLogEndOffset: number,
  brokerEpoch: number,
  nowUs: Micros,
): void {
  if (fetchOffset >= leaderLogEndOffset) state.lastCaughtUpTimeUs = Math.max(state.lastCaughtUpTimeUs, nowUs);
  else if (fetchOffset >= state.lastFetchLeaderLogEndOffset) {
    state.lastCaughtUpTimeUs = Math.max(state.lastCaughtUpTimeUs, state.lastFetchTimeUs);
  }
  state.logEndOffset = fetchOffset;
  state.lastFetchLeaderLogEndOffset = leaderLogEndOffset;
  state.lastFetchTimeUs = nowUs;
  state.brokerEpoch = brokerEpoch;
}
