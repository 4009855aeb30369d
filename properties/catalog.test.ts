/** The known Kafka failure modes: every unsafe configuration is caught, every safe twin holds. */
import { describe } from "vitest";
import { propertySuite } from "./propertySuite";

describe("catalog", () => propertySuite("scenarios/catalog"));
