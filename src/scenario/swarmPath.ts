/**
 * Swarm keys are paths into a scenario file (`producers[0].config.max.in.flight.requests.per.connection`,
 * `network.loss`). Inside a config block the rest of the path is one Kafka key, dots and all.
 */
import { formatPath, type PathSegment } from "./issuePath";

/**
 * What one run may vary: the system and its faults. The rest describes the whole scenario — its
 * name, checks, expectation, run count and seed — and a swarm over it would be silently ignored.
 */
export const SWARMABLE_SECTIONS = [
  "cluster",
  "topics",
  "network",
  "producers",
  "consumers",
  "faults",
  "phases",
];

const FIRST_NAME = /^([A-Za-z_][A-Za-z0-9_-]*)/;
const NEXT_NAME = /^\.([A-Za-z_][A-Za-z0-9_-]*)/;
const INDEX = /^\[(\d+)\]/;

/** cluster.broker, topics[i].config, producers[i].config, consumers[i].config. */
function isConfigBlock(segments: readonly PathSegment[]): boolean {
  if (segments.length === 2) return segments[0] === "cluster" && segments[1] === "broker";
  return (
    segments.length === 3 &&
    ["topics", "producers", "consumers"].includes(String(segments[0])) &&
    typeof segments[1] === "number" &&
    segments[2] === "config"
  );
}

/** The segments of a swarm key, or a message saying why it is not a path. */
export function parseSwarmPath(text: string): PathSegment[] | string {
  const segments: PathSegment[] = [];
  let rest = text;
  while (rest !== "") {
    if (isConfigBlock(segments) && rest.startsWith(".") && rest.length > 1) {
      segments.push(rest.slice(1));
      return segments;
    }
    const index = segments.length > 0 ? INDEX.exec(rest) : null;
    const name = index === null ? (segments.length === 0 ? FIRST_NAME : NEXT_NAME).exec(rest) : null;
    const match = index ?? name;
    if (match === null) {
      return "not a path into the scenario (expected something like producers[0].config.acks or network.loss)";
    }
    segments.push(index !== null ? Number(index[1]) : match[1]!);
    rest = rest.slice(match[0].length);
  }
  if (segments.length === 0) return "an empty path";
  const section = String(segments[0]);
  if (!SWARMABLE_SECTIONS.includes(section)) {
    return (
      `a swarm may vary only ${SWARMABLE_SECTIONS.join(", ")}; ${section} belongs to the whole scenario, ` +
      `not to one run`
    );
  }
  return segments;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Sets `value` at `path` inside `data` (mutating it). Missing mappings on the way are created, so
 * a swarm may vary a config key that the file leaves at its default; missing list items are not.
 * Returns a message when the path does not fit the data.
 */
export function setAtPath(data: unknown, path: readonly PathSegment[], value: unknown): string | undefined {
  let current = data;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    const here = formatPath(path.slice(0, i));
    if (typeof segment === "number") {
      if (!Array.isArray(current) || segment >= current.length) {
        const size = Array.isArray(current)
          ? `${current.length} item${current.length === 1 ? "" : "s"}`
          : "no list";
        return `no ${formatPath(path.slice(0, i + 1))} (${here} has ${size})`;
      }
    } else if (!isRecord(current)) {
      return `no ${formatPath(path.slice(0, i + 1))} (${here === "" ? "the file" : here} is not a mapping)`;
    }
    const container = current as Record<PathSegment, unknown>;
    if (last) {
      container[segment] = value;
      return undefined;
    }
    if (container[segment] === undefined && typeof path[i + 1] === "string") container[segment] = {};
    current = container[segment];
  }
  return "an empty path";
}
