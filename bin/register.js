// Transpiles TypeScript on require with sucrase: types and `import` syntax only. Everything else
// (optional chaining, `??`, class fields) is left to Node 20, which runs it natively; sucrase's
// down-levelled `?.` allocates a closure and an array per use, which cost the simulator ~10%.
// Every class field initializer that reads `this` is an arrow function, so the native field
// order (fields before constructor parameter properties) does not matter; tsc and the tests
// use the same define semantics (target ES2022).
//
// Each file's output is cached under node_modules/.cache/ksim-ts, keyed by a hash of the source
// and the transform: every process (the CLI, each worker, each bench child) would otherwise spend
// ~0.4 s transpiling the same ~200 files. No source maps: sucrase keeps every line where it was,
// so stack traces point at the right lines without one. The cache only grows as sources change;
// `npm ci` starts it afresh.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { transform } = require("sucrase");
const pirates = require(require.resolve("pirates", { paths: [path.dirname(require.resolve("sucrase"))] }));

const OPTIONS = { transforms: ["imports", "typescript"], disableESTransforms: true };
const SALT = `${require("sucrase/package.json").version}:${JSON.stringify(OPTIONS)}`;
const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "ksim-ts");

function cachePath(source, filename) {
  const hash = crypto.createHash("sha1").update(SALT).update(filename).update(source).digest("hex");
  return path.join(CACHE_DIR, `${hash}.js`);
}

function compile(source, filename) {
  const cached = cachePath(source, filename);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // not cached yet
  }
  const code = transform(source, { ...OPTIONS, filePath: filename }).code;
  try {
    // Write then rename, so parallel workers never read a half-written file.
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  } catch {
    // a read-only checkout still runs, uncached
  }
  return code;
}

pirates.addHook(compile, { exts: [".ts"] });
