import { describe, expect, it } from "vitest";
import {
  allNodeIds,
  brokerIds,
  consumerNodeIds,
  parseScenario,
  producerNodeIds,
  unknownNodeMessage,
} from "../../src/scenario";

const scenario = parseScenario(
  `name: nodes
cluster: { brokers: 2 }
topics: [{ name: t }]
producers:
  - { id: p1, instances: 2, workload: { topic: t, messages: 1 } }
  - { id: p2, workload: { topic: t, messages: 1 } }
consumers: [{ group: g, instances: 3, topics: [t] }]
`,
  "nodes.yaml",
);

describe("node names", () => {
  it("name brokers, producer and consumer instances as kafka-model.md does", () => {
    expect(brokerIds(3)).toEqual(["broker-0", "broker-1", "broker-2"]);
    expect(producerNodeIds(scenario)).toEqual(["producer-p1-0", "producer-p1-1", "producer-p2-0"]);
    expect(consumerNodeIds(scenario)).toEqual(["consumer-g-0", "consumer-g-1", "consumer-g-2"]);
    expect(allNodeIds(scenario)).toEqual([
      "controller",
      "broker-0",
      "broker-1",
      "producer-p1-0",
      "producer-p1-1",
      "producer-p2-0",
      "consumer-g-0",
      "consumer-g-1",
      "consumer-g-2",
    ]);
  });

  it("explain an unknown node by the range it was aiming at", () => {
    expect(unknownNodeMessage("broker-2", scenario)).toBe(
      'unknown node "broker-2" (brokers are broker-0..broker-1)',
    );
    expect(unknownNodeMessage("producer-p3-0", scenario)).toBe(
      'unknown node "producer-p3-0" (producers are producer-p1-0..producer-p1-1, producer-p2-0)',
    );
    expect(unknownNodeMessage("consumer-g-3", scenario)).toBe(
      'unknown node "consumer-g-3" (consumers are consumer-g-0..consumer-g-2)',
    );
    expect(unknownNodeMessage("controler", scenario)).toBe(
      'unknown node "controler" (did you mean "controller"?)',
    );
    expect(unknownNodeMessage("zookeeper", scenario)).toBe(
      'unknown node "zookeeper" (nodes are controller, broker-0..broker-1, producer-p1-0..producer-p1-1, producer-p2-0, ' +
        "consumer-g-0..consumer-g-2)",
    );
  });
});
