/**
 * Node ids, as kafka-model.md names them: `controller`, `broker-<i>`, `producer-<id>-<k>`,
 * `consumer-<group>-<k>`. Everything that addresses a node — fault schedules, the network, the
 * trace — uses these strings.
 */
import { didYouMean } from "../config/didYouMean";
import type { Scenario } from "./scenario";

export const CONTROLLER_ID = "controller";

type ProducersOf = Pick<Scenario, "producers">;
type ConsumersOf = Pick<Scenario, "consumers">;
type NodesOf = { readonly cluster: { readonly brokers: number } } & ProducersOf & ConsumersOf;

export function brokerId(index: number): string {
  return `broker-${index}`;
}

export function brokerIds(brokerCount: number): string[] {
  return Array.from({ length: brokerCount }, (_, index) => brokerId(index));
}

export function producerNodeId(producerId: string, instance: number): string {
  return `producer-${producerId}-${instance}`;
}

export function consumerNodeId(group: string, instance: number): string {
  return `consumer-${group}-${instance}`;
}

function instancesOf(prefix: string, instances: number): string[] {
  return Array.from({ length: instances }, (_, k) => `${prefix}-${k}`);
}

export function producerNodeIds(scenario: ProducersOf): string[] {
  return scenario.producers.flatMap((producer) => instancesOf(`producer-${producer.id}`, producer.instances));
}

export function consumerNodeIds(scenario: ConsumersOf): string[] {
  return scenario.consumers.flatMap((consumer) =>
    instancesOf(`consumer-${consumer.group}`, consumer.instances),
  );
}

/** Every node: the controller, the brokers, then producer and consumer instances. */
export function allNodeIds(scenario: NodesOf): string[] {
  return [
    CONTROLLER_ID,
    ...brokerIds(scenario.cluster.brokers),
    ...producerNodeIds(scenario),
    ...consumerNodeIds(scenario),
  ];
}

/** `broker-0..broker-2`, or the single id. */
function range(prefix: string, count: number): string {
  return count === 1 ? `${prefix}-0` : `${prefix}-0..${prefix}-${count - 1}`;
}

function brokerRange(scenario: NodesOf): string {
  return `brokers are ${range("broker", scenario.cluster.brokers)}`;
}

function producerRange(scenario: NodesOf): string {
  if (scenario.producers.length === 0) return "the scenario has no producers";
  return `producers are ${scenario.producers.map((p) => range(`producer-${p.id}`, p.instances)).join(", ")}`;
}

function consumerRange(scenario: NodesOf): string {
  if (scenario.consumers.length === 0) return "the scenario has no consumers";
  return `consumers are ${scenario.consumers.map((c) => range(`consumer-${c.group}`, c.instances)).join(", ")}`;
}

/** `unknown node "broker-7" (brokers are broker-0..broker-2)`, with the range the name was aiming at. */
export function unknownNodeMessage(name: string, scenario: NodesOf): string {
  const quoted = JSON.stringify(name);
  if (name.startsWith("broker-")) return `unknown node ${quoted} (${brokerRange(scenario)})`;
  if (name.startsWith("producer-")) return `unknown node ${quoted} (${producerRange(scenario)})`;
  if (name.startsWith("consumer-")) return `unknown node ${quoted} (${consumerRange(scenario)})`;
  const guess = didYouMean(name, allNodeIds(scenario));
  if (guess !== undefined) return `unknown node ${quoted} (did you mean "${guess}"?)`;
  const ranges = [CONTROLLER_ID, range("broker", scenario.cluster.brokers)];
  for (const p of scenario.producers) ranges.push(range(`producer-${p.id}`, p.instances));
  for (const c of scenario.consumers) ranges.push(range(`consumer-${c.group}`, c.instances));
  return `unknown node ${quoted} (nodes are ${ranges.join(", ")})`;
}
