/**
 * The shape of a finding file and of results.json, as zod schemas: what `ksim replay` and
 * `ksim report` accept. Both are written by ksim, but they are files a person can edit, truncate or
 * mix up, so everything is checked before a run is rebuilt from them — a fault a replay cannot
 * take would otherwise fail deep in the network code, or replay a different run than recorded.
 * Faults use the scenario format's own schema; whether they fit the scenario is findingFit's part.
 */
import { z } from "zod";
import { CHECK_NAMES } from "../checkers/violation";
import { CHECK_SCOPES, CHECK_SPECS, type CheckSpec } from "../scenario/checkSpec";
import { faultSchema } from "../scenario/schema";
import { FAST_CHECK_PATH_PATTERN, FAST_CHECK_PATH_RULE, FAST_CHECK_SEED_MAX } from "./fastCheckReplay";
import { RESULTS_SCHEMA_VERSION, VERDICTS } from "./findings";
import { SEED_MAX } from "./runInput";

/** A run fingerprint, as the trace hashes it. */
const fingerprint = z.string().regex(/^[0-9a-f]{16}$/, { error: "expected a fingerprint (16 hex digits)" });

const count = z.int().min(0);
const wallMs = z.number().min(0);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: "expected a sha256 (64 hex digits)" });

/** Violations are shown, not replayed: their shape matters for the report, not their content. */
const violation = z.strictObject({
  check: z.enum(CHECK_NAMES),
  scope: z.enum(CHECK_SCOPES).optional(),
  partition: z.string().optional(),
  offsets: z.array(z.int()).optional(),
  values: z.array(z.string()).optional(),
  timeUs: z.number().min(0),
  traceIndex: count,
  message: z.string(),
});

const counterexample = z.strictObject({
  /** The simulation seed, in the range the harness draws (and a regression scenario's `seed:` takes). */
  seed: z.int().min(0).max(SEED_MAX),
  faults: z.array(faultSchema),
  swarmChoices: z.record(z.string(), z.json()).optional(),
});

export const findingSchema = z.strictObject({
  scenario: z.string().min(1),
  contentHash: sha256,
  scenarioPath: z.string().min(1),
  fastCheckSeed: z.int().min(0).max(FAST_CHECK_SEED_MAX),
  fastCheckPath: z.string().regex(FAST_CHECK_PATH_PATTERN, { error: `expected ${FAST_CHECK_PATH_RULE}` }),
  counterexample,
  fingerprint,
  violations: z.array(violation),
  runsToFind: count,
  faultsBeforeShrink: count,
  wallMsToFind: wallMs,
  wallMsToShrink: wallMs,
  replayCommand: z.string(),
  files: z
    .strictObject({ finding: z.string(), history: z.string().optional(), trace: z.string().optional() })
    .optional(),
});

const scenarioResult = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  path: z.string().min(1),
  contentHash: sha256,
  expect: z.union([z.literal("hold"), z.strictObject({ violate: z.array(z.enum(CHECK_SPECS as readonly [CheckSpec, ...CheckSpec[]])).min(1) })]),
  verdict: z.enum(VERDICTS),
  runs: count,
  runsPlanned: count,
  fastCheckSeed: z.int().min(0).max(FAST_CHECK_SEED_MAX),
  wallMs,
  simulatedMs: z.number().min(0),
  runsFingerprint: fingerprint.optional(),
  finding: findingSchema.optional(),
  error: z.string().optional(),
});

export const suiteResultsSchema = z.strictObject({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  tool: z.literal("ksim"),
  shard: z.string().regex(/^\d+\/\d+$/, { error: 'expected a shard such as "1/2"' }).optional(),
  scenarios: z.array(scenarioResult),
});
