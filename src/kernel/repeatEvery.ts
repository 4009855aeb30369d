/**
 * A node's periodic task on the simulated clock: `task` runs every `intervalMs`, the next timer
 * set after each run, until it returns false or the process dies (its timers die with it).
 */
import type { NodeContext } from "./node";

export function repeatEvery(ctx: NodeContext<unknown>, intervalMs: number, task: () => boolean | void): void {
  ctx.setTimer(intervalMs, () => {
    if (task() === false) return;
    repeatEvery(ctx, intervalMs, task);
  });
}
