#!/usr/bin/env node
// Entry point. TypeScript is transpiled on the fly by sucrase (pure JavaScript, fast; type
// checking is CI's job with tsc), so `npx ksim` starts in well under a second. Without ksim's
// V8 flags (bin/nodeFlags.js) it first starts itself again with them.
const { missingNodeFlags } = require("./nodeFlags");

const missing = missingNodeFlags(process.execArgv);
if (missing.length > 0) {
  require("./respawn").respawn(missing);
} else {
  require("./register");
  require("../src/cli/main").main(process.argv.slice(2));
}
