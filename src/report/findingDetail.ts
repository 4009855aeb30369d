/** What a report needs beyond `results.json` to draw a finding: the replayed run's trace and timeline. */
import type { PartitionSample } from "../harness/timelineSampler";
import type { TraceEvent } from "../kernel/trace";

export interface FindingDetail {
  readonly trace: readonly TraceEvent[];
  readonly timeline: readonly PartitionSample[];
}

/** Keyed by scenario name. */
export type FindingDetails = ReadonlyMap<string, FindingDetail>;
