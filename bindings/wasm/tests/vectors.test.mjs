// The shared vectors (tests/vectors/*.json), run through the wasm build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { overgang, load, check } from "./helpers.mjs";

const who5 = load("who5.json");
const gse = load("gse.json");
const questionnaire = load("questionnaire.json");

for (const c of who5.score) test(`who5 score: ${c.name}`, () => check(c, () => overgang.scoreWho5(c.items)));
for (const c of who5.change) test(`who5 change: ${c.name}`, () => check(c, () => overgang.who5Change(c.before, c.after)));
for (const c of who5.band) test(`who5 band: ${c.name}`, () => check(c, () => overgang.who5Band(c.index)));
for (const c of gse.score) test(`gse score: ${c.name}`, () => check(c, () => overgang.scoreGse(c.items)));
for (const c of questionnaire.questionnaire) {
  test(`questionnaire: ${c.name}`, () =>
    check(c, () => {
      const q = overgang.questionnaire(c.id, c.language);
      return {
        language: q.language,
        fallback: q.fallback,
        items: q.items.length,
        answers: q.answers.map((a) => a.value),
        firstItem: q.items[0],
        firstAnswerLabel: q.answers[0].label,
        minAnswered: q.minAnswered,
      };
    }));
}

const messages = load("messages.json");
for (const c of messages.errors) {
  test(`error message: ${c.name}`, () => {
    assert.equal(overgang.errorMessage(c.error, "da"), c.da);
    assert.equal(overgang.errorMessage(c.error, "en"), c.en);
  });
}
for (const c of messages.ids) {
  test(`error message of an ID: ${c.name}`, () => {
    const r = overgang.safeValidateId(c.id);
    assert.equal(r.ok, false);
    const [e] = r.errors;
    assert.equal(e.code, c.code);
    assert.equal(overgang.errorMessage(e, "da"), c.da);
    assert.equal(overgang.errorMessage(e), c.da); // Danish by default
    assert.equal(overgang.errorMessage(e, "en"), c.en);
  });
}
test("errorMessage refuses what is not a problem", () => {
  assert.throws(() => overgang.errorMessage({ code: "no_such_code" }, "da"), (e) => e.name === "ValidationError" && e.errors[0].field === "error");
});
