// The JS API as web forms use it: camelCase results, undefined as missing, real Errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { overgang } from "./helpers.mjs";

test("scoreWho5 returns camelCase fields", () => {
  assert.deepEqual(overgang.scoreWho5([3, 4, 2, 3, 4]), { raw: 16, index: 64, band: "no_immediate_risk", poorWellbeing: false, depressionTestAdvised: false, likelyDepression: false });
});

test("undefined and sparse array holes are missing answers", () => {
  // eslint-disable-next-line no-sparse-arrays
  for (const answers of [[3, undefined, 2, 3, 4], [3, , 2, 3, 4]]) {
    assert.throws(() => overgang.scoreWho5(answers), (e) => e.errors[0].field === "item2" && e.errors[0].code === "missing");
  }
});

test("ValidationError is a real Error with a stack and every problem", () => {
  try {
    overgang.scoreWho5([null, 9, "x", 2.5, true]);
    assert.fail("no error thrown");
  } catch (e) {
    assert.ok(e instanceof Error);
    assert.equal(e.name, "ValidationError");
    assert.ok(typeof e.stack === "string");
    assert.deepEqual(e.errors.map((x) => x.code), ["missing", "out_of_range", "not_a_number", "not_an_integer", "not_a_number"]);
    assert.match(e.message, /item2: 9 is out of range; answers are whole numbers from 0 to 5/);
  }
});

test("text answers are not echoed in errors", () => {
  assert.throws(() => overgang.scoreWho5(["010190-1234", 1, 1, 1, 1]), (e) => !JSON.stringify(e.errors).includes("010190") && !e.message.includes("010190"));
});

test("wrong argument types throw ValidationError, not a panic", () => {
  for (const bad of [undefined, null, 42, "34234", { item1: 3 }, new Uint8Array(5)]) {
    assert.throws(() => overgang.scoreWho5(bad), (e) => e.name === "ValidationError" && e.errors[0].code === "not_a_list");
  }
  assert.throws(() => overgang.who5Change("36", 46), (e) => e.name === "ValidationError");
  assert.throws(() => overgang.who5Change(NaN, 46), (e) => e.errors[0].code === "missing");
});

test("scoreGse and who5Change", () => {
  assert.deepEqual(overgang.scoreGse([3, 3, null, 2, 4, 3, null, 3, 2, 3]), { score: 28.75, mean: 2.875, answered: 8, imputed: true });
  assert.equal(overgang.who5Change(36, 46), "improved");
});

test("questionnaire falls back to English and says so", () => {
  const q = overgang.questionnaire("gse", "da");
  assert.equal(q.language, "en");
  assert.equal(q.fallback, true);
  assert.equal(q.requestedLanguage, "da");
  assert.equal(overgang.questionnaire("who5").language, "da"); // one default language everywhere
  assert.equal(overgang.questionnaire("who5", "da-DK").language, "da");
  assert.throws(() => overgang.questionnaire("who5", "de"), (e) => e.name === "ValidationError" && e.errors[0].field === "lang");
});

test("the questionnaire gives its scale, so forms restate no number", () => {
  const q = overgang.questionnaire("gse", "en");
  assert.deepEqual([q.minAnswer, q.maxAnswer, q.minAnswered, q.items.length], [1, 4, 7, 10]);
});

test("errors carry what is allowed as context", () => {
  try {
    overgang.scoreWho5([3, 4, 9, 3, 4]);
    assert.fail("no error");
  } catch (e) {
    assert.deepEqual([e.errors[0].context.min, e.errors[0].context.max], [0, 5]);
  }
});

test("every error code is listed", () => {
  const codes = overgang.errorCodes();
  for (const c of ["missing", "out_of_range", "wrong_length", "not_a_number", "not_an_integer", "not_a_list", "too_many_missing", "unknown_value"]) assert.ok(codes.includes(c), c);
});

test("assessments and readings round-trip through fromJson", () => {
  assert.deepEqual(overgang.assessmentFromJson({ date: "2025-01-01", ratings: { economy: 4 } }), { date: "2025-01-01", ratings: { economy: 4 } });
  assert.deepEqual(overgang.readingFromJson('{"date": "2025-01-01", "ratings": {"money": 3}}'), { date: "2025-01-01", ratings: { money: 3 } });
  assert.throws(() => overgang.readingFromJson({ date: "2025-01-01", ratings: { money: 0 } }), (e) => e.errors[0].field === "ratings.money");
});

test("pseudonym keys: a random key works, a short key is refused", () => {
  const key = overgang.newPseudonymKey();
  assert.equal(key.length, 32);
  assert.notDeepEqual(Array.from(key), Array.from(overgang.newPseudonymKey()));
  assert.match(overgang.pseudonym(key, "journal 17", "AAR"), /^AAR-[A-Z2-7]{16}$/);
  assert.throws(() => overgang.pseudonym("abc", "010190-1234", "AAR"), (e) => e.errors[0].code === "weak_key" && !e.message.includes("010190"));
});

test("a huge array is refused by its length before it is read", () => {
  assert.throws(() => overgang.scoreWho5(new Array(5e8)), (e) => e.name === "ValidationError" && e.errors[0].code === "too_long");
});

test("unknown option keys are errors, and never echoed", () => {
  assert.throws(
    () => overgang.cohortReport(overgang.sampleCohort(), { minCel: 3, "Anna Jensen": 1 }),
    (e) => e.errors.length === 2 && e.errors.every((x) => x.code === "unknown_field") && !e.message.includes("Anna"),
  );
});

test("errors are instances of the exported ValidationError class, and of Error", () => {
  assert.throws(() => overgang.scoreWho5([9, 9, 9, 9, 9]), (e) => e instanceof overgang.ValidationError && e instanceof Error && typeof e.stack === "string");
});
