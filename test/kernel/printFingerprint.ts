/**
 * Child-process half of the determinism test: `node -r ts-node/register test/kernel/printFingerprint.ts <seed> [fifo]`
 * prints the run's result as one line of JSON.
 */
import { determinismRun } from "./determinismRun";

const [seed = "child", fifo] = process.argv.slice(2);
process.stdout.write(`${JSON.stringify(determinismRun(seed, fifo === "fifo"))}\n`);
