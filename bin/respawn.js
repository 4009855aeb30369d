// Runs this same command again in a Node process that has the flags it lacks, and ends as that
// process ends (its exit code, or the signal that stopped it). Signals sent to this process go
// on to it: a Ctrl-C from a terminal reaches both (one process group), so ksim's interrupt
// handlers take a second SIGINT as the same request.
const { spawn } = require("node:child_process");

const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];

function respawn(flags) {
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  const forward = (signal) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.on("error", (error) => {
    process.stderr.write(`ksim: could not start node: ${error.message}\n`);
    process.exit(2);
  });
  child.on("exit", (code, signal) => {
    for (const name of FORWARDED_SIGNALS) process.off(name, forward);
    if (signal !== null) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

module.exports = { respawn };
