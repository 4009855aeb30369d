/**
 * Pure functions from a partition's state to its next state: leader election and the ISR
 * changes the controller makes on its own (fencing). Each change bumps the partition epoch;
 * each leader change bumps the leader epoch.
 */
import type { PartitionState } from "../protocol/metadata";

export interface ElectionRules {
  readonly isLive: (brokerId: string) => boolean;
  readonly uncleanLeaderElectionEnable: boolean;
}

/** A fenced broker leaves every ISR (an ISR never becomes empty) and loses its leaderships. */
export function fenceReplica(state: PartitionState, brokerId: string, rules: ElectionRules): PartitionState {
  if (!state.replicas.includes(brokerId)) return state;
  const isr = state.isr.length > 1 ? state.isr.filter((id) => id !== brokerId) : state.isr;
  if (state.leader !== brokerId) {
    return isr.length === state.isr.length ? state : { ...state, isr, partitionEpoch: state.partitionEpoch + 1 };
  }
  return electLeader({ ...state, isr, leader: null }, rules, true);
}

/**
 * Chooses a leader for a partition that has none (or lost it): a live ISR member in replica
 * order; failing that, with unclean election enabled, any live assigned replica (data loss is then
 * expected, and the ISR restarts from the new leader alone).
 */
export function electLeader(state: PartitionState, rules: ElectionRules, leaderChanged = false): PartitionState {
  const clean = state.replicas.find((id) => state.isr.includes(id) && rules.isLive(id));
  if (clean !== undefined) {
    return bump({ ...state, leader: clean }, true);
  }
  if (rules.uncleanLeaderElectionEnable) {
    const unclean = state.replicas.find((id) => rules.isLive(id));
    if (unclean !== undefined) return bump({ ...state, leader: unclean, isr: [unclean] }, true);
  }
  return leaderChanged ? bump({ ...state, leader: null }, true) : state;
}

function bump(state: PartitionState, leaderChanged: boolean): PartitionState {
  return {
    ...state,
    leaderEpoch: leaderChanged ? state.leaderEpoch + 1 : state.leaderEpoch,
    partitionEpoch: state.partitionEpoch + 1,
  };
}
