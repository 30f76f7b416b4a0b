// Property-based fuzzing of every exported function through the real wasm build (fast-check).
// Each call returns a result or throws the documented ValidationError: never a RuntimeError
// (`unreachable`, a wasm trap), a TypeError from the glue, or anything else. Error messages never
// contain CPR-shaped numbers or the free text that was given. After all of it, the module still
// works (no poisoned state). OVERGANG_FUZZ_EXAMPLES sets the number of runs (scripts/fuzz).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { overgang } from "./helpers.mjs";

const RUNS = Number(process.env.OVERGANG_FUZZ_EXAMPLES ?? 150);
const CPR = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)/;
const SECRETS = ["010190-1234", "Maria Jensen", "0101901234", "AAR 010190 1234", "\ud800", "x".repeat(10000)];

const scalar = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.bigInt(),
  fc.string({ maxLength: 30 }),
  fc.fullUnicodeString({ maxLength: 10 }),
  fc.constantFrom(...SECRETS),
);
const { value: jsonLike } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 12 }),
  object: fc.dictionary(fc.string({ maxLength: 8 }), tie("value"), { maxKeys: 6 }),
}));
const nearWho5 = fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), scalar), { minLength: 4, maxLength: 6 });
const nearGse = fc.array(fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(null), scalar), { minLength: 9, maxLength: 11 });

function* texts(v) {
  if (typeof v === "string") yield v;
  else if (Array.isArray(v)) for (const x of v) yield* texts(x);
  else if (v && typeof v === "object") for (const x of Object.values(v)) yield* texts(x); // keys are field names
}

/** Calls fn; returns its result, or null after checking a thrown error is a clean ValidationError. */
export function call(fn, ...args) {
  try {
    return fn(...args);
  } catch (e) {
    assert.ok(e instanceof Error, `threw a non-Error: ${String(e)}`);
    assert.equal(e.name, "ValidationError", `threw ${e.name}: ${e.message}`);
    assert.ok(Array.isArray(e.errors) && e.errors.length > 0);
    const codes = overgang.errorCodes();
    for (const m of [e.message, ...e.errors.map((x) => x.message), ...e.errors.map((x) => x.field)]) {
      assert.ok(!CPR.test(m), `CPR-shaped number in a message: ${m}`);
      for (const t of texts(args)) if ((SECRETS.includes(t) && t.length >= 4) || (t.length >= 8 && !/^\d+$/.test(t) && !/^[a-z0-9_+-]+$/.test(t))) assert.ok(!m.includes(t), `free text echoed: ${m}`);
    }
    for (const x of e.errors) assert.ok(codes.includes(x.code), x.code);
    return null;
  }
}

test("scoreWho5 never crashes", () => {
  fc.assert(fc.property(fc.oneof(jsonLike, nearWho5), (v) => {
    const s = call(overgang.scoreWho5, v);
    if (s) assert.ok(s.index === 4 * s.raw && s.raw >= 0 && s.raw <= 25 && s.band === overgang.who5Band(s.index));
  }), { numRuns: RUNS });
});

test("scoreGse never crashes", () => {
  fc.assert(fc.property(fc.oneof(jsonLike, nearGse), (v) => {
    const s = call(overgang.scoreGse, v);
    if (s) assert.ok(s.score >= 10 && s.score <= 40 && s.answered >= 7 && Math.abs(s.score - s.mean * 10) < 1e-9);
  }), { numRuns: RUNS });
});

test("who5Change, who5Band and questionnaire never crash", () => {
  fc.assert(fc.property(jsonLike, jsonLike, (a, b) => {
    call(overgang.who5Change, a, b);
    call(overgang.who5Band, a);
    call(overgang.questionnaire, a, b);
  }), { numRuns: RUNS });
});

const VALID_PARTICIPANT = { id: "AAR-0001", gender: "woman", age: 34, start: "2024-01-15", interventions: [{ category: "counselling" }] };
const mutated = (doc) => fc.tuple(fc.constantFrom(...Object.keys(doc), "extra_key"), jsonLike, fc.boolean()).map(([k, v, drop]) => {
  const d = { ...doc };
  if (drop) delete d[k]; else d[k] = v;
  return d;
});
const ONE_ARG = ["validateId", "ageBand", "participantFromJson", "participantToJson", "tenStepStage", "tenStepDevelopment", "outcomesStage", "ctiSchedule", "courseFromJson", "interventions", "tenStepAreas", "genders"];

test("every one-argument function never crashes", () => {
  fc.assert(fc.property(fc.constantFrom(...ONE_ARG), fc.oneof(jsonLike, mutated(VALID_PARTICIPANT)), (name, v) => {
    call(overgang[name], v);
  }), { numRuns: RUNS });
});

test("multi-argument functions never crash", () => {
  fc.assert(fc.property(jsonLike, jsonLike, jsonLike, (a, b, c) => {
    call(overgang.pseudonym, a, b, c);
    call(overgang.outcomesDistance, a, b);
    call(overgang.tenStepDimensions, a, b);
    call(overgang.ctiPhaseOn, a, b);
    call(overgang.options, a, b);
    call(overgang.cohortReport, a, b);
  }), { numRuns: RUNS });
});

test("cohortReport on near-valid cohorts never crashes and counts what it accepts", () => {
  fc.assert(fc.property(mutated(VALID_PARTICIPANT), (p) => {
    const doc = { project: "Fuzz", participants: [p] };
    const r = call(overgang.cohortReport, doc, { minCell: 0 });
    if (r) assert.ok(r.participants.count <= 1);
  }), { numRuns: RUNS });
});

test("the module still works after the fuzzing (nothing poisoned)", () => {
  assert.equal(overgang.scoreWho5([3, 4, 2, 3, 4]).index, 64);
});
