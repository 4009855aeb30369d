#!/usr/bin/env node
// Entry point. TypeScript is transpiled on the fly by sucrase (pure JavaScript, fast; type
// checking is CI's job with tsc), so `npx ksim` starts in well under a second.
require("./register");
require("../src/cli/main").main(process.argv.slice(2));
