// Red team: every exported function of the nodejs build fed the hostile values of issue 20.
// The exports come from tests/api_names.json (the list the naming tests check against the
// module), so a new export is covered without touching this file. Each function gets every
// hostile value in every argument (the others left undefined) and in all of them at once, then
// the module must still work. A call may return, or throw the library's ValidationError or a
// TypeError (or the caller's own error from a getter that throws, unchanged): never a
// RuntimeError (`unreachable`: a wasm trap), a RangeError (a stack or array overflow) or
// anything else. Each export runs in a child process with a bounded heap, so a runaway
// allocation fails the test that names it instead of the machine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const names = JSON.parse(readFileSync(path.join(here, "..", "..", "..", "tests", "api_names.json"), "utf8"));
const EXPORTS = [...new Set([...names.concepts.flatMap((c) => c.js), ...names.js_only])].sort();

class Boom extends Error {}

function* hostileValues() {
  let deepArray = [];
  for (let i = 0; i < 100000; i++) deepArray = [deepArray];
  let deepObject = {};
  for (let i = 0; i < 100000; i++) deepObject = { a: deepObject };
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const throwing = {};
  for (const key of ["length", "items", "date", "id", "participants", "answers", "minCell", "toJSON"]) {
    Object.defineProperty(throwing, key, { enumerable: true, get() { throw new Boom(key); } });
  }
  const throwingArray = [1, 2, 3, 4, 5];
  Object.defineProperty(throwingArray, 2, { get() { throw new Boom("element"); } });
  const proxy = new Proxy({}, {
    get() { throw new Boom("get"); },
    has() { throw new Boom("has"); },
    ownKeys() { throw new Boom("ownKeys"); },
    getOwnPropertyDescriptor() { throw new Boom("descriptor"); },
    getPrototypeOf() { throw new Boom("prototype"); },
  });
  yield ["new Array(5e8)", new Array(5e8)];
  yield ["new Array(1e8)", new Array(1e8)];
  yield ["array-like of 2**53-1", { length: Number.MAX_SAFE_INTEGER }];
  yield ["NaN", NaN];
  yield ["Infinity", Infinity];
  yield ["-Infinity", -Infinity];
  yield ["1e308", 1e308];
  yield ["-1e308", -1e308];
  yield ["-1", -1];
  yield ["-0", -0];
  yield ["2**63", 2 ** 63];
  yield ["2n**63n", 2n ** 63n];
  yield ["-1n", -1n];
  yield ["true", true];
  yield ["null", null];
  yield ["undefined", undefined];
  yield ["huge string", "x".repeat(10_000_000)];
  yield ["NUL", "\0"];
  yield ["NUL inside", "a\0b"];
  yield ["lone surrogate", "\ud800"];
  yield ["CPR", "010190-1234"];
  yield ["deep array", deepArray];
  yield ["deep object", deepObject];
  yield ["cyclic object", cyclic];
  yield ["Symbol", Symbol("x")];
  yield ["function", () => 1];
  yield ["object without prototype", Object.create(null)];
  yield ["Date(NaN)", new Date(NaN)];
  yield ["Map", new Map([[1, 2]])];
  yield ["Uint8Array", new Uint8Array([0, 255])];
  yield ["throwing getters", throwing];
  yield ["throwing element", throwingArray];
  yield ["throwing proxy", proxy];
  yield ["array of NaN", [NaN, NaN, NaN, NaN, NaN]];
  yield ["array of 1e308", [1e308, 1e308, 1e308, 1e308, 1e308]];
  yield ["object of hostile", { "\0": NaN, "010190-1234": 2n ** 63n, minCell: -1, asOf: "\ud800" }];
}

/** Runs the battery on one export (in the child process); prints the failures as JSON. */
export function battery(name) {
  return import(path.join(here, "helpers.mjs")).then(({ overgang }) => {
    const fn = overgang[name];
    const failures = [];
    const attempt = (label, args) => {
      try {
        fn(...args);
      } catch (e) {
        const ok = e instanceof Boom || e instanceof TypeError || (e instanceof Error && e.name === "ValidationError");
        if (!ok) failures.push(`${label}: ${e && e.name}: ${String(e && e.message).slice(0, 200)}`);
        else {
          for (const v of args) {
            if (typeof v === "string" && v.length >= 8 && String(e.message).includes(v)) failures.push(`${label}: the value given is repeated`);
          }
        }
      }
    };
    if (typeof fn === "function" && name !== "ValidationError") {
      const arity = Math.max(fn.length, 1);
      for (const [vname, v] of hostileValues()) {
        attempt(`${name}(all=${vname})`, Array(arity).fill(v));
        for (let i = 0; i < arity; i++) {
          const args = Array(arity).fill(undefined);
          args[i] = v;
          attempt(`${name}(#${i}=${vname})`, args);
        }
      }
    }
    // The module still works.
    assert.equal(overgang.scoreWho5([3, 3, 3, 3, 3]).index, 60);
    process.stdout.write(JSON.stringify(failures) + "\n");
  });
}

if (process.argv[2] === "--battery") {
  await battery(process.argv[3]);
} else {
  test("every export is tried", async () => {
    const { overgang } = await import(path.join(here, "helpers.mjs"));
    assert.ok(EXPORTS.length > 40);
    for (const name of EXPORTS) assert.ok(name in overgang, name);
  });
  for (const name of EXPORTS) {
    test(`${name}: hostile values raise only the library's errors`, () => {
      const child = spawnSync(process.execPath, ["--max-old-space-size=3072", "--stack-size=984", fileURLToPath(import.meta.url), "--battery", name], {
        encoding: "utf8",
        timeout: 600_000,
        maxBuffer: 64 << 20,
      });
      assert.equal(child.status, 0, `${name}: the process ended with ${child.status} ${child.signal ?? ""}: ${(child.stderr ?? "").slice(-2000)}`);
      const lines = child.stdout.trim().split("\n");
      const failures = JSON.parse(lines[lines.length - 1]);
      assert.deepEqual(failures.slice(0, 30), [], `${name}: ${failures.length} failures`);
    });
  }
}
