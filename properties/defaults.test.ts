/** The safe recipe (RF 3, min ISR 2, acks=all, idempotence, process-then-commit) under every fault kind. */
import * as fs from "node:fs";
import { describe } from "vitest";
import { propertySuite } from "./propertySuite";

describe("default scenarios", () => {
  for (const file of fs.readdirSync("scenarios").filter((f) => f.endsWith(".yaml")).sort()) propertySuite(`scenarios/${file}`);
});
