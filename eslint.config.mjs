// Lint: typescript-eslint's recommended rules plus the determinism guard.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Anything that reads the wall clock, real timers or unseeded randomness breaks replay.
// Simulation code must get time, timers and randomness from its node context instead.
const nondeterministicGlobals = [
  { name: "setTimeout", message: "Use ctx.setTimer: real timers break determinism." },
  { name: "setInterval", message: "Use ctx.setTimer: real timers break determinism." },
  { name: "setImmediate", message: "Real timers break determinism." },
];
const nondeterministicProperties = [
  { object: "Date", property: "now", message: "Use ctx.now(): wall-clock time breaks determinism." },
  { object: "Math", property: "random", message: "Use a seeded ctx.rng stream: Math.random breaks determinism." },
  { object: "performance", property: "now", message: "Wall-clock time breaks determinism." },
  { object: "process", property: "hrtime", message: "Wall-clock time breaks determinism." },
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "reports/**", "bench/results/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**", "src/report/**"],
    rules: {
      "no-restricted-globals": ["error", ...nondeterministicGlobals],
      "no-restricted-properties": ["error", ...nondeterministicProperties],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "new Date() reads the wall clock: breaks determinism." },
      ],
    },
  },
  {
    files: ["bin/**/*.js"],
    languageOptions: { globals: { require: "readonly", process: "readonly", __dirname: "readonly", module: "readonly" } },
  },
);
