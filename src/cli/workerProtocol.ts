/** Messages between `ksim run --workers K` and its worker processes. */
import type { ScenarioResult } from "../harness/findings";

export type WorkerTask =
  | {
      readonly type: "scenario";
      readonly index: number;
      readonly path: string;
      readonly contentHash: string;
      readonly runs: number;
      readonly fastCheckSeed: number;
    }
  | { readonly type: "stop" }
  | { readonly type: "exit" };

export type WorkerReply =
  | { readonly type: "progress"; readonly name: string; readonly runsDone: number; readonly shrinking: boolean }
  | { readonly type: "result"; readonly index: number; readonly result: ScenarioResult };
