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

/**
 * A follower outside the ISR when this broker became leader has never been caught up here. (Kafka
 * writes 0, a wall-clock time long past; the simulated clock starts at 0, so "never" must be
 * earlier than any time.)
 */
export const NEVER_CAUGHT_UP_US: Micros = -Infinity;

export function newFollowerState(nowUs: Micros, inSync: boolean): FollowerState {
  return {
    logEndOffset: -1,
    lastCaughtUpTimeUs: inSync ? nowUs : NEVER_CAUGHT_UP_US,
    // Never fetched here: a first fetch from behind must not date a catch-up to time 0 (Kafka's 0 is long past).
    lastFetchTimeUs: NEVER_CAUGHT_UP_US,
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

/**
 * Kafka's ReplicaState.isCaughtUp: at the leader's log end, or caught up within `lagMaxUs` (the
 * rule that keeps an ISR member in the ISR).
 */
export function isCaughtUp(state: FollowerState, leaderLogEndOffset: number, nowUs: Micros, lagMaxUs: Micros): boolean {
  return state.logEndOffset === leaderLogEndOffset || nowUs - state.lastCaughtUpTimeUs <= lagMaxUs;
}
