// Property tests of the form's record editing (www/record.js, the code the page runs): over valid
// records generated from the published schema, nothing is lost. Loading and saving without edits
// gives the same document; an edit changes its own field and nothing else; removing a measurement
// removes that one only.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as R from "../www/record.js";
import { overgang } from "./helpers.mjs";
import { validRecord, recordFromJson } from "./records.mjs";

const RUNS = Number(process.env.OVERGANG_FUZZ_EXAMPLES ?? 150);

test("generated records are valid and varied", () => {
  const xs = fc.sample(validRecord, { numRuns: 60, seed: 7 });
  for (const r of xs) recordFromJson(r);
  for (const k of ["who5", "gse", "ten_step", "outcomes", "cti", "forms", "goal", "interventions", "end"]) assert.ok(xs.some((r) => k in r), `no record with ${k}`);
});

test("re-entering what the form shows changes nothing: load then save gives the same document", () => {
  fc.assert(fc.property(validRecord, (doc) => {
    const text = JSON.stringify(doc);
    let d = JSON.parse(text); // what the page holds after loading
    const shown = R.formValues(d);
    for (const f of R.FIELDS) d = R.setField(d, f, shown[f]);
    for (const kind of ["who5", "gse", "ten"]) for (const { entry, index } of R.history(d, kind)) d = R.setDate(d, kind, index, entry.date);
    assert.equal(JSON.stringify(d), text);
  }), { numRuns: RUNS });
});

const formValue = {
  id: fc.constantFrom("AAR-0001", "X.y_z-9", ""),
  gender: fc.constantFrom("", ...overgang.genders("en").map((g) => g.id)),
  age: fc.oneof(fc.integer({ min: 0, max: 130 }).map(String), fc.constantFrom("", "abc")),
  start: fc.constantFrom("", "2024-02-29", "2023-01-01"),
  end: fc.constantFrom("", "2024-12-31"),
  goal: fc.constantFrom("", ...overgang.intakeGoals("en").map((g) => g.id)),
  forms: fc.uniqueArray(fc.constantFrom(...overgang.prostitutionForms("en").map((g) => g.id))),
  anonymous: fc.boolean(),
  anti_trafficking_referral: fc.boolean(),
  interventions: fc.uniqueArray(fc.constantFrom(...overgang.interventions("en").map((g) => g.id))),
};
const fieldEdit = fc.constantFrom(...R.FIELDS).chain((f) => formValue[f].map((v) => [f, v]));

test("an edit changes its own field only, and the form then shows the new value", () => {
  fc.assert(fc.property(validRecord, fieldEdit, (doc, [field, value]) => {
    const before = JSON.parse(JSON.stringify(doc));
    const out = R.setField(doc, field, value);
    assert.deepEqual(doc, before, "the loaded record is not mutated");
    for (const k of new Set([...Object.keys(doc), ...Object.keys(out)])) if (k !== field) assert.deepEqual(out[k], doc[k], `${field} changed ${k}`);
    const shown = R.formValues(out)[field];
    if (Array.isArray(value)) assert.deepEqual([...shown].sort(), [...value].sort());
    else assert.equal(shown, typeof value === "string" ? value.trim() : value);
    if (field === "interventions") {
      // Kept categories keep their entries as loaded (with their dates).
      for (const i of doc.interventions || []) if (value.includes(i.category)) assert.ok(out.interventions.includes(i));
    }
  }), { numRuns: RUNS });
});

test("measurement history: answering, re-dating and deleting touch one entry only", () => {
  const withWho5 = validRecord.filter((r) => Array.isArray(r.who5) && r.who5.length > 0);
  fc.assert(fc.property(withWho5, fc.nat(), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 5 }), (doc, k, item, value) => {
    const at = k % doc.who5.length;
    const [a] = R.setAnswer(doc, "who5", at, item, value, { date: "2024-01-01", count: 5 });
    a.who5.forEach((m, i) => (i === at ? assert.deepEqual(m.items.filter((_, j) => j !== item), doc.who5[i].items.filter((_, j) => j !== item)) : assert.equal(m, doc.who5[i])));
    assert.equal(a.who5[at].items[item], value);
    const [b, added] = R.setAnswer(doc, "who5", null, item, value, { date: "2024-01-01", count: 5 });
    assert.equal(added, doc.who5.length);
    assert.deepEqual(b.who5.slice(0, -1), doc.who5);
    const c = R.removeEntry(doc, "who5", at);
    assert.deepEqual(c.who5, doc.who5.filter((_, i) => i !== at));
    for (const key of Object.keys(doc)) if (key !== "who5") assert.equal(c[key], doc[key]);
  }), { numRuns: RUNS });
});

test("merging an import by ID never overwrites: differing records are conflicts", () => {
  fc.assert(fc.property(fc.uniqueArray(validRecord, { selector: (r) => r.id, maxLength: 5 }), fc.uniqueArray(validRecord, { selector: (r) => r.id, maxLength: 5 }), (mine, theirs) => {
    const { added, same, conflicts } = R.mergeById(mine, theirs);
    const ids = new Set(mine.map((r) => r.id));
    assert.equal(added.length + same.length + conflicts.length, theirs.length);
    for (const r of added) assert.ok(!ids.has(r.id));
    for (const c of conflicts) assert.ok(ids.has(c.id) && !R.sameJson(c.mine, c.theirs));
    const again = R.mergeById(mine, mine);
    assert.equal(again.same.length, mine.length);
  }), { numRuns: RUNS });
});

test("local date: the calendar day where the worker is", () => {
  const d = new Date(2024, 2, 2, 0, 30); // 00:30 local time on 2 March
  assert.equal(R.localDate(d), "2024-03-02");
});

test("the page's messages are the core's (errorMessage): what is allowed, from the error's context", () => {
  const message = (lang, err) => overgang.errorMessage(err, lang);
  const e = (code, field, context) => ({ code, field, message: `${field}: core message`, ...(context ? { context } : {}) });
  assert.equal(message("da", e("out_of_range", "age", { min: 18, max: 120 })), "Skal være mellem 18 og 120.");
  assert.equal(message("da", e("too_many_missing", "items", { min: 7 })), "For mange manglende svar: mindst 7 skal være besvaret.");
  assert.equal(message("da", e("unknown_value", "gender", { allowed: ["woman", "man"] })), "Ukendt værdi. Tilladt: woman og man.");
  // A name typed as the ID: the core's ID rule, not a date hint; a bad date: the core's format.
  const idError = overgang.safeValidateId("Maria Jensen").errors[0];
  assert.doesNotMatch(message("da", idError), /dato|ÅÅÅÅ/);
  assert.match(message("da", idError), /A-Z/);
  const dateError = overgang.safeParticipantFromJson({ id: "A-1", start: "1/3/2024" }).errors[0];
  assert.match(message("da", dateError), /ÅÅÅÅ-MM-DD/);
  assert.equal(message("en", e("out_of_range", "age", { min: 18, max: 120 })), "Must be between 18 and 120.");
  // Every code the core can produce has a Danish and an English text, never the core's English message.
  for (const code of overgang.errorCodes()) for (const lang of ["da", "en"]) assert.doesNotMatch(message(lang, e(code, "x")), /core message/, code);
});
