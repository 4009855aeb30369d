// The V8 flags every ksim process runs with (bin/ksim.js starts itself again with them when they
// are missing; workers inherit them; the benchmark children get them from here too).
//
// A run allocates a stream of short-lived objects (messages, events, requests) beside a history
// and logs that only grow. With V8's default 16 MiB semi-spaces the young generation fills about
// 80 times per cluster-benchmark run and promotes objects that die soon after; 64 MiB cuts that to
// about 20 and the collector's time per run from ~76 to ~42 ms (measured on the 2-core VM of the
// README). It costs up to ~100 MiB more memory per process. No result depends on it: nothing in
// the simulation can observe the garbage collector.
const NODE_FLAGS = ["--max-semi-space-size=64"];

/** The flags of NODE_FLAGS that `execArgv` does not set (a user's own value for one wins). */
function missingNodeFlags(execArgv) {
  const named = new Set(execArgv.map((arg) => arg.split("=")[0]));
  return NODE_FLAGS.filter((flag) => !named.has(flag.split("=")[0]));
}

module.exports = { NODE_FLAGS, missingNodeFlags };
