// The JS API that matches Python's: version(), optionKinds(), typed-array batch scoring with
// per-row error codes (as score_who5_array), and the non-throwing safe* forms for forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { overgang } from "./helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.OVERGANG_FUZZ_EXAMPLES ?? 150);

test("version() is the crates' version", () => {
  const cargo = readFileSync(path.join(here, "..", "..", "..", "Cargo.toml"), "utf8");
  const version = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)[1];
  assert.equal(overgang.version(), version);
});

test("optionKinds() lists every kind options() accepts", () => {
  const kinds = overgang.optionKinds();
  assert.ok(kinds.includes("interventions") && kinds.includes("cti_phases"), String(kinds));
  for (const kind of kinds) assert.ok(overgang.options(kind, "da").length > 0, kind);
  assert.throws(() => overgang.options("no_such_kind", "da"), (e) => e.name === "ValidationError");
});

test("scoreWho5Batch: typed-array columns and per-row error codes, as score_who5_array", () => {
  const r = overgang.scoreWho5Batch(new Float64Array([3, 4, 2, 3, 4, 3, NaN, 2, 3, 4, 3, 9, 2, 3, 4, 0, 0, 0, 0, 0]), 4);
  assert.ok(r.raw instanceof Uint8Array && r.index instanceof Uint8Array && r.band instanceof Int8Array);
  assert.ok(r.poorWellbeing instanceof Uint8Array && r.likelyDepression instanceof Uint8Array && r.error instanceof Uint8Array);
  assert.deepEqual(Array.from(r.raw), [16, 0, 0, 0]);
  assert.deepEqual(Array.from(r.index), [64, 0, 0, 0]);
  assert.deepEqual(Array.from(r.band), [2, -1, -1, 0]);
  assert.deepEqual(Array.from(r.poorWellbeing), [0, 0, 0, 1]);
  assert.deepEqual(Array.from(r.depressionTestAdvised), [0, 0, 0, 1]);
  assert.deepEqual(Array.from(r.likelyDepression), [0, 0, 0, 1]);
  const codes = overgang.batchErrorCodes();
  assert.deepEqual(Array.from(r.error, (e) => codes[e]), ["valid", "missing", "out_of_range", "valid"]);
  assert.deepEqual(overgang.batchBands(), { 0: "high_risk", 1: "risk", 2: "no_immediate_risk" });
  const ints = overgang.scoreWho5Batch(new Uint8Array([3, 4, 2, 3, 4, 3, 4, 2, 3, 6]), 2);
  assert.deepEqual([Array.from(ints.index), Array.from(ints.error, (e) => codes[e])], [[64, 0], ["valid", "out_of_range"]]);
  assert.equal(overgang.scoreWho5Batch(new Uint8Array(0), 0).error.length, 0);
});

test("batchErrorCodes() names every error code, and 0 is valid", () => {
  const codes = overgang.batchErrorCodes();
  assert.equal(codes[0], "valid");
  assert.deepEqual(Object.entries(codes).filter(([n]) => n !== "0").map(([, c]) => c).sort(), [...overgang.errorCodes()].sort());
});

test("scoreGseBatch: NaN is missing, at most 3 imputed", () => {
  const row = [3, 3, 2, 4, 3, NaN, 3, 2, 3, 3];
  const bad = [3, NaN, NaN, NaN, NaN, 3, 3, 3, 3, 3];
  const r = overgang.scoreGseBatch(new Float64Array([...row, ...bad]), 2);
  const one = overgang.scoreGse(row.map((x) => (Number.isNaN(x) ? null : x)));
  assert.ok(r.score instanceof Float64Array && r.mean instanceof Float64Array);
  assert.equal(r.score[0], one.score);
  assert.equal(r.mean[0], one.mean);
  assert.deepEqual([r.answered[0], r.imputed[0], r.error[0]], [9, 1, 0]);
  assert.ok(Number.isNaN(r.score[1]) && Number.isNaN(r.mean[1]));
  assert.equal(overgang.batchErrorCodes()[r.error[1]], "too_many_missing");
});

test("batch scoring refuses a wrong type or shape with a ValidationError, never echoing data", () => {
  const fails = (fn, args, field, code) => assert.throws(() => fn(...args), (e) => e instanceof Error && e.name === "ValidationError" && e.errors[0].field === field && e.errors[0].code === code);
  fails(overgang.scoreWho5Batch, [[3, 4, 2, 3, 4], 1], "items", "not_a_number");
  fails(overgang.scoreWho5Batch, [new Int32Array(5), 1], "items", "not_a_number");
  fails(overgang.scoreWho5Batch, [new Uint8Array(6), 1], "items", "wrong_length");
  fails(overgang.scoreWho5Batch, [new Uint8Array(5), 2], "items", "wrong_length");
  fails(overgang.scoreGseBatch, [new Float64Array(10), 1.5], "rows", "not_an_integer");
  fails(overgang.scoreGseBatch, [new Float64Array(10), -1], "rows", "not_an_integer");
  fails(overgang.scoreGseBatch, [new Float64Array(10), "1"], "rows", "not_an_integer");
  fails(overgang.scoreGseBatch, [new Float64Array(10)], "rows", "not_an_integer");
});

const cell = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.constant(NaN), fc.double(), fc.integer({ min: -3, max: 9 }));

test("scoreWho5Batch agrees with scoreWho5 row by row", () => {
  const codes = overgang.batchErrorCodes();
  fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 20 }), (rows) => {
    const r = overgang.scoreWho5Batch(new Float64Array(rows.flat()), rows.length);
    rows.forEach((row, i) => {
      try {
        const s = overgang.scoreWho5(row.map((x) => (Number.isNaN(x) ? null : x)));
        assert.deepEqual([r.error[i], r.raw[i], r.index[i], overgang.batchBands()[r.band[i]]], [0, s.raw, s.index, s.band]);
        assert.deepEqual([!!r.poorWellbeing[i], !!r.depressionTestAdvised[i], !!r.likelyDepression[i]], [s.poorWellbeing, s.depressionTestAdvised, s.likelyDepression]);
      } catch (e) {
        if (e.name !== "ValidationError") throw e;
        // A row's code: its first wrong answer, before a missing one.
        const first = e.errors.find((x) => x.code !== "missing") ?? e.errors[0];
        assert.equal(codes[r.error[i]], first.code);
        assert.equal(r.band[i], -1);
      }
    });
  }), { numRuns: RUNS });
});

test("safe forms return {ok: true, value} or {ok: false, errors} exactly as the throwing forms", () => {
  const pairs = [
    ["safeScoreWho5", "scoreWho5", [[3, 4, 2, 3, 4]], [[3, null, 2, 9, 4]]],
    ["safeScoreGse", "scoreGse", [[3, 3, 2, 4, 3, null, 3, 2, 3, 3]], [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]],
    ["safeWho5Band", "who5Band", [48], [101]],
    ["safeWho5Change", "who5Change", [36, 46], ["36", 46]],
    ["safeValidateId", "validateId", ["AAR-0001"], ["010190-1234"]],
    ["safeParticipantFromJson", "participantFromJson", [{ id: "AAR-0001", start: "2024-01-15" }], [{ id: "AAR-0001", start: "2024-02-30" }]],
    ["safeRecordFromJson", "recordFromJson", [{ id: "AAR-0001", start: "2024-01-15" }], ["{not json"]],
  ];
  for (const [safe, plain, good, bad] of pairs) {
    assert.deepEqual(overgang[safe](...good), { ok: true, value: overgang[plain](...good) }, safe);
    let thrown;
    try {
      overgang[plain](...bad);
    } catch (e) {
      thrown = e;
    }
    assert.equal(thrown?.name, "ValidationError", plain);
    const result = overgang[safe](...bad);
    assert.deepEqual(Object.keys(result), ["ok", "errors"], safe);
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors, thrown.errors, safe);
  }
  assert.doesNotMatch(JSON.stringify(overgang.safeValidateId("010190-1234")), /010190/);
});

test("safe forms never throw on hostile input", () => {
  const anything = fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true, maxDepth: 3 });
  fc.assert(fc.property(anything, anything, (a, b) => {
    for (const name of ["safeScoreWho5", "safeScoreGse", "safeWho5Band", "safeValidateId", "safeParticipantFromJson", "safeRecordFromJson"]) {
      const r = overgang[name](a);
      assert.equal(typeof r.ok, "boolean", name);
      if (!r.ok) assert.ok(Array.isArray(r.errors) && r.errors.length > 0, name);
    }
    assert.equal(typeof overgang.safeWho5Change(a, b).ok, "boolean");
  }), { numRuns: RUNS });
});
