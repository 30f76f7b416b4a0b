// One name per concept: the module exports exactly the names of tests/api_names.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { overgang } from "./helpers.mjs";

const names = JSON.parse(readFileSync(new URL("../../../tests/api_names.json", import.meta.url)));

test("the JavaScript module exports exactly the listed names", () => {
  const listed = new Set([...names.concepts.flatMap((c) => c.js), ...names.js_only]);
  const exported = new Set(Object.keys(overgang).filter((k) => !k.startsWith("__")));
  assert.deepEqual([...exported].sort(), [...listed].sort());
});
