/**
 * Pure functions from a partition's state to its next state: leader election and the ISR
 * changes the controller makes on its own (fencing). Each change bumps the partition epoch;
 * each leader change bumps the leader epoch.
 */
import type { PartitionState } from "../protocol/metadata";

export interface ElectionRules {
  readonly isLive: (brokerId: string) => boolean;
  readonly uncleanLeaderElectionEnable: boolean;
  readonly minInsyncReplicas: number;
}

/**
 * A fenced broker leaves every ISR and loses its leaderships. Left below min ISR, it joins the
 * ELR. The last ISR member stays in the ISR (which never empties) unless a live ELR member can
 * take over, in which case it moves to the ELR and that member is elected (KIP-966).
 */
export function fenceReplica(state: PartitionState, brokerId: string, rules: ElectionRules): PartitionState {
  if (!state.replicas.includes(brokerId) || !state.isr.includes(brokerId)) return state;
  const lastMember = state.isr.length === 1;
  const elrCanTakeOver = state.elr.some((id) => id !== brokerId && rules.isLive(id));
  if (lastMember && !elrCanTakeOver) {
    return state.leader === brokerId ? electLeader({ ...state, leader: null }, rules, true) : state;
  }
  const isr = state.isr.filter((id) => id !== brokerId);
  const elr = isr.length < rules.minInsyncReplicas ? union(state.elr, [brokerId]) : state.elr;
  if (state.leader !== brokerId) return { ...state, isr, elr, partitionEpoch: state.partitionEpoch + 1 };
  return electLeader({ ...state, isr, elr, leader: null }, rules, true);
}

/**
 * A broker that comes back from an unclean shutdown (a crash: every restart here is one) may have
 * lost what made it eligible, so it leaves the ELR (KIP-966, as Kafka's controller does when a
 * broker registers without its previous epoch).
 */
export function withoutUncleanReplica(state: PartitionState, brokerId: string): PartitionState {
  if (!state.elr.includes(brokerId)) return state;
  return { ...state, elr: state.elr.filter((id) => id !== brokerId), partitionEpoch: state.partitionEpoch + 1 };
}

/** The ISR the leader asked for, and the ELR that follows from it. */
export function withNewIsr(state: PartitionState, newIsr: readonly string[], minInsyncReplicas: number): PartitionState {
  const removed = state.isr.filter((id) => !newIsr.includes(id));
  const elr = newIsr.length >= minInsyncReplicas ? [] : union(state.elr.filter((id) => !newIsr.includes(id)), removed);
  return { ...state, isr: newIsr, elr, partitionEpoch: state.partitionEpoch + 1 };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...a, ...b.filter((id) => !a.includes(id))];
}

/**
 * Chooses a leader for a partition that has none (or lost it): a live ISR member in replica
 * order; failing that a live ELR member (which becomes the ISR); failing that, with unclean
 * election enabled, any live assigned replica (data loss is then expected, and the ISR restarts
 * from the new leader alone).
 */
export function electLeader(state: PartitionState, rules: ElectionRules, leaderChanged = false): PartitionState {
  const clean = state.replicas.find((id) => state.isr.includes(id) && rules.isLive(id));
  if (clean !== undefined) {
    return bump({ ...state, leader: clean }, true);
  }
  const eligible = state.replicas.find((id) => state.elr.includes(id) && rules.isLive(id));
  if (eligible !== undefined) {
    return bump({ ...state, leader: eligible, isr: [eligible], elr: state.elr.filter((id) => id !== eligible) }, true);
  }
  if (rules.uncleanLeaderElectionEnable) {
    const unclean = state.replicas.find((id) => rules.isLive(id));
    if (unclean !== undefined) return bump({ ...state, leader: unclean, isr: [unclean], elr: [] }, true);
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
