// The npm package as a user gets it: the tarball that scripts/dist wrote into dist/, installed
// into fresh projects and used from Node (CommonJS and ES modules), from a Vite build and from
// Chromium (the bundled page, and the web entry without a bundler). Nothing from the repository
// is on the projects' paths: they see only what the tarball holds.
//
// Run by scripts/test after scripts/dist; alone: scripts/dist && node --test bindings/wasm/tests_dist/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..", "..");
const dist = path.join(root, "dist");
const vite = path.join(here, "..", "node_modules", "vite", "bin", "vite.js");
const webpack = path.join(here, "..", "node_modules", "webpack");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const version = JSON.parse(readFileSync(path.join(here, "..", "npm", "package.json"), "utf8")).version;

let tarball, project, server, origin, browser;

/** A fresh project with only the tarball installed (it has no dependencies: no registry needed). */
function freshProject(name) {
  const dir = mkdtempSync(path.join(tmpdir(), `overgang-${name}-`));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `try-${name}`, private: true, version: "1.0.0" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", "--offline", tarball], { cwd: dir, stdio: "inherit" });
  return dir;
}

function node(cwd, file, source) {
  writeFileSync(path.join(cwd, file), source);
  const r = spawnSync(process.execPath, [file], { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, `${file} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const MIME = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

/** Serves `dir` on 127.0.0.1 (paths under it only). */
function serve(dir) {
  return new Promise((resolve) => {
    const s = createServer((req, res) => {
      const file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
      if (!file.startsWith(dir + path.sep) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    });
    s.listen(0, "127.0.0.1", () => resolve(s));
  });
}

before(async () => {
  const found = readdirSync(dist).filter((f) => /^overgang-.*\.tgz$/.test(f));
  assert.equal(found.length, 1, `expected one overgang-*.tgz in dist/ (run scripts/dist), found ${found}`);
  tarball = path.join(dist, found[0]);
  project = freshProject("app");
  server = await serve(project);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

test("the tarball holds the three builds, types, README and licences, and nothing else", () => {
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").sort();
  for (const f of [
    "package/package.json", "package/README.md", "package/LICENSE-MIT", "package/LICENSE-APACHE",
    "package/node/overgang.cjs", "package/node/index.mjs", "package/node/overgang.d.cts", "package/node/index.d.mts", "package/node/overgang_bg.wasm",
    "package/web/overgang.js", "package/web/overgang.d.ts", "package/web/overgang_bg.wasm",
    "package/bundler/overgang.js", "package/bundler/overgang.d.ts",
  ]) assert.ok(files.includes(f), `${f} missing from the tarball`);
  assert.deepEqual(files.filter((f) => !/^package\/(package\.json|README\.md|LICENSE-(MIT|APACHE)|(node|web|bundler)\/.+)$/.test(f)), []);
  const pkg = JSON.parse(readFileSync(path.join(project, "node_modules", "overgang", "package.json"), "utf8"));
  assert.equal(pkg.name, "overgang");
  assert.equal(pkg.version, version);
  assert.ok(pkg.exports["."].node && pkg.exports["."].browser && pkg.exports["."].module && pkg.exports["."].import);
  assert.deepEqual(pkg.sideEffects, ["./bundler/overgang.js"]);
  assert.doesNotMatch(JSON.stringify(pkg), /example\.invalid/);
});

test("Node, CommonJS: require works with no setup", () => {
  const out = node(project, "cjs.cjs", `
    const og = require("overgang");
    const r = og.scoreWho5Batch(new Uint8Array([3, 4, 2, 3, 4, 3, 9, 2, 3, 4]), 2);
    console.log(JSON.stringify({
      score: og.scoreWho5([3, 4, 2, 3, 4]), version: og.version(), kinds: og.optionKinds().length,
      report: og.cohortReport(og.sampleCohort(), { minCell: 5 }).participants,
      batch: [Array.from(r.index), Array.from(r.error, (e) => og.batchErrorCodes()[e])],
      safe: og.safeValidateId("010190-1234"), init: typeof og.init,
    }));`);
  assert.deepEqual(out.score, { raw: 16, index: 64, band: "no_immediate_risk", poorWellbeing: false, depressionTestAdvised: false, likelyDepression: false });
  assert.equal(out.version, version);
  assert.ok(out.kinds > 5);
  assert.deepEqual(out.report, { count: 80 });
  assert.deepEqual(out.batch, [[64, 0], ["valid", "out_of_range"]]);
  assert.equal(out.safe.ok, false);
  assert.equal(out.safe.errors[0].code, "contains_cpr");
  assert.doesNotMatch(JSON.stringify(out.safe), /010190/);
  assert.equal(out.init, "function");
});

test("Node, ES module: import works with no setup, and init() is there for shared code", () => {
  const out = node(project, "esm.mjs", `
    import init, { scoreWho5, safeScoreWho5, version } from "overgang";
    import * as og from "overgang";
    await init();
    console.log(JSON.stringify({ index: scoreWho5([3, 4, 2, 3, 4]).index, version: version(),
      safe: safeScoreWho5([3, null, 2, 3, 4]), names: Object.keys(og).length }));`);
  assert.equal(out.index, 64);
  assert.equal(out.version, version);
  assert.deepEqual(out.safe.ok, false);
  assert.deepEqual(out.safe.errors.map((e) => [e.field, e.code]), [["item2", "missing"]]);
  assert.ok(out.names > 40, `only ${out.names} exports`);
});

test("the package README's JavaScript examples run in Node and give what their comments say", () => {
  const readme = readFileSync(path.join(project, "node_modules", "overgang", "README.md"), "utf8");
  const blocks = [...readme.matchAll(/^( *)```js\n([\s\S]*?)^\1```/gm)].map((m) => m[2].replace(new RegExp(`^${m[1]}`, "gm"), ""));
  assert.ok(blocks.length >= 3, `found ${blocks.length} js blocks`);
  let checked = 0;
  blocks.forEach((block, i) => {
    const esm = /^import /m.test(block);
    const lines = block.split("\n").map((line) => {
      const m = /^(.*?); \/\/ ((?:[{["\d]|true|false).*)$/.exec(line);
      if (!m) return line;
      checked++;
      return `check(${m[1].replace(/^(const|let) \w+ = /, "")}, (${m[2]}), ${JSON.stringify(m[1])});`;
    });
    const prelude = [
      esm ? 'import { deepStrictEqual as check0 } from "node:assert";' : 'const { deepStrictEqual: check0 } = require("node:assert");',
      "const check = (got, expected, what) => check0(got, expected, what);",
      !esm && !/require\("overgang"\)/.test(block) ? 'const og = require("overgang");' : "",
    ].join("\n");
    const file = `readme${i}.${esm ? "mjs" : "cjs"}`;
    writeFileSync(path.join(project, file), `${prelude}\n${lines.join("\n")}\nconsole.log("[]");\n`);
    const r = spawnSync(process.execPath, [file], { cwd: project, encoding: "utf8" });
    assert.equal(r.status, 0, `README block ${i + 1}:\n${block}\n${r.stderr}`);
  });
  assert.ok(checked >= 6, `only ${checked} commented results checked`);
});

test("the web entry: a call before init() says to call init(); initSync works", () => {
  const out = node(project, "web.mjs", `
    import { readFileSync } from "node:fs";
    import { createRequire } from "node:module";
    import { initSync, scoreWho5 } from "overgang/web";
    let before;
    try { scoreWho5([3, 4, 2, 3, 4]); } catch (e) { before = { name: e.name, message: e.message, isError: e instanceof Error }; }
    const wasm = readFileSync(createRequire(import.meta.url).resolve("overgang/web/overgang_bg.wasm"));
    initSync({ module: wasm });
    initSync({ module: wasm }); // idempotent
    console.log(JSON.stringify({ before, index: scoreWho5([3, 4, 2, 3, 4]).index }));`);
  assert.equal(out.before.isError, true);
  assert.equal(out.before.name, "NotInitialisedError");
  assert.match(out.before.message, /call `await init\(\)`/);
  assert.equal(out.index, 64);
});

test("TypeScript: the types resolve for require, import and the web entry", () => {
  const tsc = path.join(here, "..", "node_modules", "typescript", "bin", "tsc");
  writeFileSync(path.join(project, "use.mts"), `
    import init, { scoreWho5, scoreWho5Batch, safeScoreWho5, version, type Who5Score, type SafeResult } from "overgang";
    import { initSync } from "overgang/web";
    await init();
    const s: Who5Score = scoreWho5([3, 4, 2, 3, 4]);
    const b: Uint8Array = scoreWho5Batch(new Float64Array(10), 2).error;
    const r: SafeResult<Who5Score> = safeScoreWho5([1, 2, 3, 4, 5]);
    if (r.ok) { const n: number = r.value.index; } else { const c: string = r.errors[0].code; }
    const v: string = version();
    void [s, b, v, initSync];
  `);
  writeFileSync(path.join(project, "use.cts"), `
    import og = require("overgang");
    const n: number = og.scoreWho5([3, 4, 2, 3, 4]).index;
    const m: number = og.cohortReport(og.sampleCohort(), { minCell: 5 }).participants.count;
    void [n, m];
  `);
  writeFileSync(path.join(project, "bad.mts"), `import { scoreWho5 } from "overgang";\nconst x: string = scoreWho5([1, 2, 3, 4, 5]).index;\nvoid x;\n`);
  // skipLibCheck stays off: the package's own .d.ts files are checked too.
  const args = ["--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16", "--target", "es2022"];
  const ok = spawnSync(process.execPath, [tsc, ...args, "use.mts", "use.cts"], { cwd: project, encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const bad = spawnSync(process.execPath, [tsc, ...args, "bad.mts"], { cwd: project, encoding: "utf8" });
  assert.notEqual(bad.status, 0, "a type error in use of the package was not caught");
  assert.match(bad.stdout, /TS2322/);
});

/** Opens `dir/index.html` in Chromium and returns the JSON the page wrote into #out. */
async function pageResult(dir) {
  const s = await serve(dir);
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${s.address().port}/index.html`);
    await page.waitForFunction(() => document.getElementById("out").textContent !== "loading", null, { timeout: 30000 });
    const out = JSON.parse(await page.textContent("#out"));
    await page.close();
    assert.deepEqual(errors, []);
    return out;
  } finally {
    s.close();
  }
}

test("Vite: a build with no plugin or config works in Chromium, without calling init()", async () => {
  const app = freshProject("vite");
  try {
    writeFileSync(path.join(app, "index.html"), `<!doctype html><meta charset="utf-8"><title>overgang in Vite</title><pre id="out">loading</pre><script type="module" src="/main.js"></script>`);
    writeFileSync(path.join(app, "main.js"), `
      import { scoreWho5, scoreWho5Batch, safeScoreWho5, version } from "overgang";
      const r = scoreWho5Batch(new Float64Array([3, 4, 2, 3, 4, 3, NaN, 2, 3, 4]), 2);
      document.getElementById("out").textContent = JSON.stringify({
        index: scoreWho5([3, 4, 2, 3, 4]).index, version: version(),
        batch: Array.from(r.error), safe: safeScoreWho5([9, 9, 9, 9, 9]).ok,
      });`);
    const built = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: app, encoding: "utf8" });
    assert.equal(built.status, 0, built.stdout + built.stderr);
    const assets = readdirSync(path.join(app, "dist", "assets"));
    assert.ok(assets.some((f) => f.endsWith(".wasm")), `no .wasm emitted: ${assets}`);
    assert.deepEqual(await pageResult(path.join(app, "dist")), { index: 64, version, batch: [0, 1], safe: false });
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});

test("webpack: a build with no config file or plugin works in Chromium, without calling init()", async () => {
  const app = freshProject("webpack");
  try {
    mkdirSync(path.join(app, "src"));
    writeFileSync(path.join(app, "src", "index.js"), `
      import { scoreWho5, scoreGseBatch, version } from "overgang";
      document.getElementById("out").textContent = JSON.stringify({
        index: scoreWho5([3, 4, 2, 3, 4]).index, version: version(),
        gse: Array.from(scoreGseBatch(new Uint8Array([3, 3, 2, 4, 3, 1, 3, 2, 3, 3]), 1).score),
      });`);
    // webpack's defaults, as \`npx webpack\` in the project: ./src/index.js -> ./dist/main.js.
    const built = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(webpack)})({ mode: "production" }, (err, stats) => {
      if (err || stats.hasErrors()) { console.error(err ?? stats.toString("errors-only")); process.exit(1); }
    });`], { cwd: app, encoding: "utf8" });
    assert.equal(built.status, 0, built.stdout + built.stderr);
    assert.ok(readdirSync(path.join(app, "dist")).some((f) => f.endsWith(".wasm")), "no .wasm emitted");
    writeFileSync(path.join(app, "dist", "index.html"), `<!doctype html><meta charset="utf-8"><pre id="out">loading</pre><script src="main.js"></script>`);
    assert.deepEqual(await pageResult(path.join(app, "dist")), { index: 64, version, gse: [27] });
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});

test("Chromium without a bundler: the web entry through an import map, init() idempotent", async () => {
  writeFileSync(path.join(project, "web.html"), `<!doctype html><meta charset="utf-8">
    <script type="importmap">{ "imports": { "overgang": "/node_modules/overgang/web/overgang.js" } }</script>
    <pre id="out">loading</pre>
    <script type="module">
      import init, { scoreWho5, version } from "overgang";
      let before;
      try { scoreWho5([3, 4, 2, 3, 4]); } catch (e) { before = e.name + ": " + e.message; }
      await Promise.all([init(), init()]);
      await init();
      document.getElementById("out").textContent = JSON.stringify({ before, index: scoreWho5([3, 4, 2, 3, 4]).index, version: version() });
    </script>`);
  const page = await browser.newPage();
  const wasmRequests = [];
  page.on("request", (r) => { if (r.url().endsWith(".wasm")) wasmRequests.push(r.url()); });
  await page.goto(`${origin}/web.html`);
  await page.waitForFunction(() => document.getElementById("out").textContent !== "loading", null, { timeout: 30000 });
  const out = JSON.parse(await page.textContent("#out"));
  assert.match(out.before, /^NotInitialisedError: overgang is not initialised: call `await init\(\)`/);
  assert.equal(out.index, 64);
  assert.equal(out.version, version);
  assert.equal(wasmRequests.length, 1, `the wasm was fetched ${wasmRequests.length} times`);
  await page.close();
});
