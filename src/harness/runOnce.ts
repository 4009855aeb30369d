/**
 * One simulated run of a scenario: build the cluster and clients from the scenario, apply the
 * fault schedule through the chaos phase, heal, drain, then judge the history and the replicas.
 * Everything random comes from `seed`; the same scenario, seed and faults give the same
 * fingerprint in any process.
 */
import { buildCluster, type Cluster } from "../cluster/cluster";
import { checkersSink, createHistoryCheckers, sortViolations, type CheckContext } from "../checkers";
import { ReplicaMonitor } from "../checkers/replica/replicaMonitor";
import { CHECK_NAMES, type CheckName, type Violation } from "../checkers/violation";
import { JsonLinesSink } from "../history/jsonLinesSink";
import { HistoryRecorder, type HistorySink } from "../history/recorder";
import { msToMicros } from "../kernel/time";
import { scheduleFaults } from "../faults/faultRunner";
import { splitCheckSpec, type CheckSpec } from "../scenario/checkSpec";
import type { FaultSpec } from "../scenario/faultSpec";
import type { Scenario } from "../scenario/scenario";
import { addClients, type Clients } from "./clients";
import { convergenceGaps, livenessViolation } from "./liveness";
import type { RunResult } from "./runResult";
import { clusterSpecOf } from "./scenarioCluster";
import { sampleTimeline, type PartitionSample } from "./timelineSampler";
import { TruncationLog } from "./truncationLog";

export interface RunOptions {
  /** Keep the trace's events (replay, reports). */
  readonly recordTrace?: boolean;
  /** Sample replica state for charts every this many simulated ms. */
  readonly timelineIntervalMs?: number;
  /** Stream the history here as JSON lines. */
  readonly historyPath?: string;
  readonly eventsMax?: number;
}

/** How often the drain phase looks whether everything has converged. */
const CONVERGENCE_POLL_MS = 250;
const DEFAULT_EVENTS_MAX = 50_000_000;

export function runOnce(scenario: Scenario, seed: number, faults: readonly FaultSpec[], options: RunOptions = {}): RunResult {
  const { chaosMs, healMs, drainMs } = scenario.phases;
  const drainAtMs = chaosMs + healMs;
  const endUs = msToMicros(drainAtMs + drainMs);
  // The simulation seed depends on the seed alone, so an exported regression scenario (renamed) runs identically.
  const cluster = buildCluster(clusterSpecOf(scenario, `sim-${seed}`, options.recordTrace ?? false));
  const sim = cluster.sim;
  const checks = checksToRun(scenario);
  const checkers = createHistoryCheckers(checks);
  const sinks: HistorySink[] = checkers.length === 0 ? [] : [checkersSink(checkers)];
  const file = options.historyPath === undefined ? undefined : new JsonLinesSink(options.historyPath);
  if (file !== undefined) sinks.push(file);
  const recorder = new HistoryRecorder({ nowUs: () => sim.nowUs(), traceIndex: () => sim.trace.length }, sinks);
  const monitor = new ReplicaMonitor(cluster, checks);
  const truncations = new TruncationLog(sim.trace);
  const clients = addClients(cluster, scenario, recorder, msToMicros(drainAtMs), endUs);
  const timeline = options.timelineIntervalMs === undefined ? undefined : sampleTimeline(cluster, userPartitions(scenario), options.timelineIntervalMs, endUs);

  cluster.start();
  clients.start();
  scheduleFaults(sim, faults, chaosMs);
  sim.at(msToMicros(drainAtMs), () => startDrainWhenSettled(cluster, clients, msToMicros(drainAtMs + drainMs / 2), scenario));
  const outcome = sim.run({ eventsMax: options.eventsMax ?? DEFAULT_EVENTS_MAX, timeMaxUs: endUs });
  file?.close();

  const violations: Violation[] = [...monitor.finish()];
  const context: CheckContext = {
    groups: clients.groupsAtEnd(),
    drainComplete: clients.drainComplete(),
    truncations: truncations.entries,
    scopes: scopesOf(scenario.checks),
  };
  for (const checker of checkers) violations.push(...checker.finish(context));
  if (checks.includes("liveness")) violations.push(...livenessOf(cluster, scenario, clients, outcome.status, outcome.reason));
  return {
    scenario: scenario.name,
    seed,
    faults,
    ...(scenario.swarmChoices !== undefined ? { swarmChoices: scenario.swarmChoices } : {}),
    violations: sortViolations(violations),
    fingerprint: sim.trace.fingerprint(),
    outcome,
    network: { ...sim.network.stats, dropped: { ...sim.network.stats.dropped } },
    historyOps: recorder.length,
    ...(options.recordTrace ? { trace: sim.trace.events } : {}),
    ...(timeline !== undefined ? { timeline: timeline as readonly PartitionSample[] } : {}),
  };
}

/**
 * The final read happens once the producers are quiet (every send has its verdict), so nothing
 * lands after the drain has read past it — or, failing that, halfway through the drain bound.
 */
function startDrainWhenSettled(cluster: Cluster, clients: Clients, latestUs: number, scenario: Scenario): void {
  const sim = cluster.sim;
  const look = (): void => {
    if (clients.settled() || sim.nowUs() >= latestUs) {
      clients.startDrain();
      watchConvergence(cluster, scenario, clients);
    } else sim.after(CONVERGENCE_POLL_MS, look);
  };
  look();
}

/** Stops the run as soon as everything has converged (the drain bound is only a bound). */
function watchConvergence(cluster: Cluster, scenario: Scenario, clients: Clients): void {
  const sim = cluster.sim;
  const look = (): void => {
    const gaps = convergenceGaps(cluster, userPartitions(scenario), { drainComplete: clients.drainComplete(), groupsBehind: clients.groupsBehind() });
    if (gaps.length === 0 && clients.settled()) sim.stop("converged");
    else sim.after(CONVERGENCE_POLL_MS, look);
  };
  sim.after(CONVERGENCE_POLL_MS, look);
}

function livenessOf(cluster: Cluster, scenario: Scenario, clients: Clients, status: string, reason: string): Violation[] {
  const sim = cluster.sim;
  if (status === "events-bound") return [livenessViolation([reason], sim.nowUs(), sim.trace.length, "event bound")];
  if (status === "stopped") return [];
  const gaps = convergenceGaps(cluster, userPartitions(scenario), { drainComplete: clients.drainComplete(), groupsBehind: clients.groupsBehind() });
  if (gaps.length === 0) return [];
  return [livenessViolation(gaps, sim.nowUs(), sim.trace.length, `drainMs=${scenario.phases.drainMs} after the heal`)];
}

/** The checks a run evaluates: those the scenario asserts plus those its expectation names. */
export function checksToRun(scenario: Scenario): CheckName[] {
  const specs: CheckSpec[] = [...scenario.checks, ...(scenario.expect.kind === "violate" ? scenario.expect.checks : [])];
  const names = new Set(specs.map((spec) => splitCheckSpec(spec).check));
  return CHECK_NAMES.filter((name) => names.has(name));
}

function scopesOf(specs: readonly CheckSpec[]): CheckContext["scopes"] {
  const scoped = (name: "lost-write" | "duplicate"): ("log" | "sink")[] | undefined => {
    const mine = specs.map(splitCheckSpec).filter((s) => s.check === name);
    if (mine.length === 0 || mine.some((s) => s.scope === undefined)) return undefined;
    return mine.map((s) => s.scope!);
  };
  const lostWrite = scoped("lost-write");
  const duplicate = scoped("duplicate");
  return { ...(lostWrite ? { "lost-write": lostWrite } : {}), ...(duplicate ? { duplicate } : {}) };
}

export function userPartitions(scenario: Scenario): string[] {
  return scenario.topics.flatMap((topic) => Array.from({ length: topic.partitions }, (_, p) => `${topic.name}-${p}`));
}

