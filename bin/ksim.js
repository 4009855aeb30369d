#!/usr/bin/env node
// Entry point: TypeScript runs through ts-node in transpile-only mode (type checking is CI's job).
require("ts-node").register({ transpileOnly: true, swc: true, project: require("path").join(__dirname, "..", "tsconfig.json") });
require("../src/cli/main").main(process.argv.slice(2));
