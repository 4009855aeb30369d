/**
 * The one scenario the guarantee matrix varies: a small cluster with a producer and a consumer
 * group, and one fault generator (kills, partitions, lossy links, client crashes — a minority at a
 * time, no power loss) that every cell faces alike.
 */
import { parseScenario } from "../scenario/parseScenario";
import type { Scenario } from "../scenario/scenario";

export const MATRIX_SCENARIO_YAML = `name: matrix
description: The guarantee matrix's base scenario; each cell overrides the client and broker configs.
cluster:
  brokers: 3
  broker: { min.insync.replicas: 2, unclean.leader.election.enable: false, replica.lag.time.max.ms: 5000 }
topics:
  - { name: orders, partitions: 2, replicationFactor: 3 }
producers:
  - id: p1
    config: { acks: all, max.in.flight.requests.per.connection: 5, request.timeout.ms: 3000 }
    workload: { topic: orders, messages: 150, ratePerSec: 20 }
consumers:
  - group: billing
    instances: 2
    topics: [orders]
    strategy: process-then-commit
    processingMs: 10
    config: { auto.offset.reset: earliest, session.timeout.ms: 10000, heartbeat.interval.ms: 1000, max.poll.interval.ms: 15000 }
faults:
  generate:
    count: { min: 1, max: 3 }
    kinds: [crash, partition, link, restart]
    targets: [brokers, producers, consumers]
phases: { chaosMs: 10000, healMs: 5000, drainMs: 25000 }
checks: [lost-write, duplicate, nonmonotonic-send, liveness]
runs: 20
# The grid's dimensions; each cell picks one value of each.
swarm:
  producers[0].config.acks: [all, 1, 0]
  producers[0].config.enable.idempotence: [true, false]
  producers[0].config.max.in.flight.requests.per.connection: [1, 5]
  cluster.broker.min.insync.replicas: [1, 2]
  cluster.broker.unclean.leader.election.enable: [false, true]
  consumers[0].strategy: [commit-then-process, process-then-commit, auto-commit, idempotent-sink]
`;

export function matrixBaseScenario(): Scenario {
  return parseScenario(MATRIX_SCENARIO_YAML, "<matrix>");
}
