// The cohort report from JavaScript: the same JSON as Rust and Python (golden files).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { overgang, same } from "./helpers.mjs";

const golden = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "tests", "golden");
const read = (f) => readFileSync(path.join(golden, f), "utf8");

for (const name of ["aarhus", "copenhagen", "esbjerg"]) {
  test(`cohortReport(${name}) matches the Rust golden file`, () => {
    const got = overgang.cohortReport(read(`${name}.cohort.json`), { minCell: 0 });
    assert.ok(same(got, JSON.parse(read(`${name}.report.json`))));
  });
}

test("documents may be given as objects; options are validated", () => {
  const doc = JSON.parse(read("copenhagen.cohort.json"));
  const r = overgang.cohortReport(doc, { minCell: 0 });
  assert.deepEqual(r.interventions.by_count.map((b) => b.count), [11, 39, 24, 17, 0]);
  assert.throws(() => overgang.cohortReport(doc, { minCell: -1, format: "pdf" }), (e) => e.name === "ValidationError" && e.errors.length === 2);
});

test("errors carry paths for every problem", () => {
  const bad = { project: "x", participants: [{ id: "010190-1234", start: "2024-02-30", who5: [{ date: "2024-01-01", items: [1, 2, 3, 9] }] }] };
  assert.throws(() => overgang.cohortReport(bad), (e) => {
    const fields = e.errors.map((x) => x.field);
    return fields.includes("participants[0].id") && fields.includes("participants[0].start") && fields.includes("participants[0].who5[0].items") && !e.message.includes("010190");
  });
});

test("cohortRender gives the human formats", () => {
  const doc = overgang.sampleCohort();
  assert.match(overgang.cohortRender(doc, { format: "md", lang: "en" }), /^# Cohort report/);
  assert.match(overgang.cohortRender(doc, { format: "html" }), /<svg/);
});

test("hostile documents are refused cleanly", () => {
  let deep = []; for (let i = 0; i < 2000; i++) deep = [deep];
  assert.throws(() => overgang.cohortReport(JSON.stringify(deep)), (e) => e.errors[0].code === "too_deep");
  const cyclic = { project: "x" }; cyclic.self = cyclic;
  assert.throws(() => overgang.cohortReport(cyclic), (e) => e.name === "ValidationError");
  assert.equal(overgang.scoreWho5([1, 1, 1, 1, 1]).raw, 5);
});

test("a ValidationError carries a summary: problems grouped by code and column, a short message", () => {
  const doc = { project: "P", participants: Array.from({ length: 3000 }, (_, i) => ({ id: `P-${i}`, start: "2024-13-01", age: 9 })) };
  assert.throws(() => overgang.cohortReport(JSON.stringify(doc), {}), (e) => {
    assert.equal(e.name, "ValidationError");
    assert.equal(e.errors.length, 6000);
    assert.ok(e.message.length < 4000, "the message stays short");
    assert.equal(e.summary.total, 6000);
    assert.deepEqual(e.summary.groups.map((g) => [g.code, g.column, g.count, g.first.length]).sort(), [
      ["invalid_format", "participants[].start", 3000, 3],
      ["out_of_range", "participants[].age", 3000, 3],
    ]);
    assert.ok(e.summary.text.startsWith("6000 problems in 2 groups:"));
    return true;
  });
});

test("Aarhus Figure 1: bins as lower edges (seed 001 line 321)", () => {
  const r = overgang.cohortReport(read("aarhus_figure1.cohort.json"), { minCell: 0, interventionBins: [0, 1, 2, 4] });
  assert.ok(same(r, JSON.parse(read("aarhus_figure1.report.json"))));
  assert.deepEqual(r.interventions.by_count.map((b) => [b.interventions, b.count]), [["0", 15], ["1", 31], ["2-3", 4], ["4+", 23]]);
});

test("new options reach the core reader; targets only when asked for", () => {
  const doc = overgang.sampleCohort();
  const r = overgang.cohortReport(doc, { minCell: 0, waveGapDays: "any", binsExclude: [], target: { percent: 75, programmes: ["one_to_one"] } });
  assert.deepEqual(r.options.wave_gap_days, [0, null]);
  assert.equal(r.targets.length, 6);
  assert.equal(overgang.cohortReport(doc).targets, null);
  assert.throws(() => overgang.cohortReport(doc, { offered: ["counselling"] }), (e) => e.name === "ValidationError" && e.errors[0].code === "unknown_value");
});

test("compareCohorts: projects side by side (seed 001 Table 1)", () => {
  const docs = ["aarhus", "esbjerg", "copenhagen"].map((n) => read(`${n}.cohort.json`));
  const c = overgang.compareCohorts(docs, { minCell: 0 });
  assert.deepEqual(c.projects.map((p) => p.participants), [78, 84, 91]);
  assert.deepEqual(c.projects.map((p) => Math.round(p.mean_age)), [32, 41, 46]);
  assert.deepEqual(c.projects.map((p) => p.who5_first_wave.n), [28, 27, 52]);
  assert.ok(overgang.compareRender(docs, { format: "md", lang: "en" }).startsWith("# Projects side by side"));
  assert.throws(() => overgang.compareCohorts([]), (e) => e.name === "ValidationError" && e.errors[0].field === "projects");
});
