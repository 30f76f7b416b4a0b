// The shared privacy vectors: keys, names and CPR numbers anywhere in a document are refused
// and never repeated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { overgang, load, check } from "./helpers.mjs";

const V = load("privacy.json");
for (const c of V.documents) {
  test(`privacy: ${c.name}`, () => {
    check(c, () => overgang.cohortReport(c.document));
    try {
      overgang.cohortReport(c.document);
    } catch (e) {
      const shown = e.message + JSON.stringify(e.errors);
      for (const s of V.secret) assert.ok(!shown.includes(s), shown);
    }
  });
}
