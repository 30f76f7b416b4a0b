// The shared vectors of tests/vectors/registrations.json (returns, challenges, municipality of
// residence) and the CTI results golden file (seed 004's headline figures), through the wasm build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { overgang, load, same } from "./helpers.mjs";

const camel = (o) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
// A table with only its rows that are not 0 (a municipality table has 98 rows).
const shown = (t) => (t == null ? null : { n: t.n, rows: t.rows.filter((r) => r.count !== 0) });

for (const c of load("registrations.json").cases) {
  test(`registrations: ${c.name}`, () => {
    const r = overgang.cohortReport(c.cohort, camel(c.options));
    assert.ok(same(r.participation, c.expected.participation), JSON.stringify(r.participation));
    assert.ok(same(shown(r.challenges), c.expected.challenges), JSON.stringify(r.challenges));
    assert.ok(same(shown(r.municipalities), c.expected.municipalities));
  });
}

test("cti.results reproduce seed 004's headline figures", () => {
  const golden = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "tests", "golden");
  const read = (f) => readFileSync(path.join(golden, f), "utf8");
  const cti = overgang.cohortReport(read("cti_results.cohort.json"), { minCell: 0 }).cti;
  assert.ok(same(cti, JSON.parse(read("cti_results.cti.json"))));
  const x = cti.results;
  assert.deepEqual([x.risk_zone.start.percent, x.risk_zone.end.percent], [67, 33]);
  assert.deepEqual([x.sold_sex_last_month.start.percent, x.sold_sex_last_month.end.percent], [50, 20]);
  assert.equal(x.progression.moderate_or_large.percent, 91);
});
