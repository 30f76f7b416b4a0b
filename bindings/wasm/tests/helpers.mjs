// Shared helpers of the JS suites: load the nodejs build and the shared vectors.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import assert from "node:assert/strict";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const overgang = require(path.join(here, "..", "pkg"));

export function load(name) {
  return JSON.parse(readFileSync(path.join(here, "..", "..", "..", "tests", "vectors", name), "utf8"));
}

const snake = (k) => k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());

/** JS results use camelCase keys; the vectors use the JSON (snake_case) keys. */
export function toSnake(v) {
  if (Array.isArray(v)) return v.map(toSnake);
  // Only camelCase keys are converted: data keys such as country codes ("TH") stay as they are.
  const key = (k) => (/^[a-z][A-Za-z0-9]*$/.test(k) ? snake(k) : k);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [key(k), toSnake(x)]));
  return v;
}

export function same(a, b) {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-12;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
  }
  return a === b;
}

/** Runs one vector case: compares the result, or the thrown ValidationError's fields and codes. */
export function check(c, call) {
  if ("expected" in c) {
    const got = toSnake(call());
    assert.ok(same(got, c.expected), `${c.name}: got ${JSON.stringify(got)}, expected ${JSON.stringify(c.expected)}`);
  } else {
    let thrown;
    try {
      call();
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error, `${c.name}: expected a thrown Error`);
    assert.equal(thrown.name, "ValidationError", c.name);
    assert.deepEqual(thrown.errors.map((e) => ({ field: e.field, code: e.code })), c.errors, c.name);
    const CPR = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)/;
    const texts = [];
    const walk = (v) => {
      // snake_case ids are vocabulary (areas, phases), not personal text
      if (typeof v === "string" && v.length >= 6 && !/^[\d-]+$/.test(v) && !/^[a-z_]+$/.test(v)) texts.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    for (const [k, v] of Object.entries(c)) if (!["name", "expected", "errors", "warnings", "expected_status"].includes(k)) walk(v);
    for (const e of thrown.errors) {
      assert.ok(e.message.includes(e.field), `${c.name}: ${e.message}`);
      assert.ok(!CPR.test(e.message), `${c.name}: CPR-shaped number in ${e.message}`);
      for (const t of texts) assert.ok(!e.message.includes(t), `${c.name}: input text echoed in ${e.message}`);
    }
  }
}
