// The shared outreach vectors (tests/vectors/outreach.json), through the JavaScript API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { overgang, load, check, same } from "./helpers.mjs";

const V = load("outreach.json");
const camel = (o) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));

for (const c of V.municipality) test(`municipality: ${c.name}`, () => check(c, () => overgang.municipality(c.input)));
for (const c of V.venue_id) test(`venue id: ${c.name}`, () => check(c, () => overgang.validateVenueId(c.input)));
for (const c of V.country) test(`country: ${c.name}`, () => check(c, () => overgang.country(c.input)));
for (const c of V.document) test(`outreach document: ${c.name}`, () => check(c, () => overgang.outreachFromJson(c.document)));

const pointer = (doc, path) => path.split("/").slice(1).reduce((d, p) => d[p], doc);
for (const c of V.report) {
  test(`outreach report: ${c.name}`, () => {
    const report = overgang.cohortReport(c.document, camel(c.options)).outreach;
    for (const [path, expected] of Object.entries(c.expected)) {
      assert.ok(same(pointer(report, path), expected), `${path}: ${JSON.stringify(pointer(report, path))}`);
    }
  });
}
