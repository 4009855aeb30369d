// Transpiles TypeScript on require with sucrase: types and `import` syntax only. Everything else
// (optional chaining, `??`, class fields) is left to Node 20, which runs it natively; sucrase's
// down-levelled `?.` allocates a closure and an array per use, which cost the simulator ~10%.
// Every class field initializer that reads `this` is an arrow function, so the native field
// order (fields before constructor parameter properties) does not matter; tsc and the tests
// use the same define semantics (target ES2022).
require("sucrase/dist/register").addHook(".ts", {
  transforms: ["imports", "typescript"],
  disableESTransforms: true,
});
