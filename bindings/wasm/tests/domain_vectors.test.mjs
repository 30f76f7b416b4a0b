// The domain-model vectors (participant, ten_step, outcomes, cti), through the wasm build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { overgang, load, check } from "./helpers.mjs";

const P = load("participant.json"), T = load("ten_step.json"), O = load("outcomes.json"), C = load("cti.json");
const camel = (c) => ({ contactStart: c.contact_start, phase1Start: c.phase1_start, phaseMonths: c.phase_months });

for (const c of P.validate_id) test(`validateId: ${c.name}`, () => check(c, () => overgang.validateId(c.input)));
for (const c of P.age_band) test(`ageBand: ${c.name}`, () => check(c, () => overgang.ageBand(c.age)));
for (const c of P.pseudonym) test(`pseudonym: ${c.name}`, () => check(c, () => overgang.pseudonym(c.key, c.local_id, c.prefix)));
for (const c of P.participant) test(`participantFromJson: ${c.name}`, () => check(c, () => overgang.participantFromJson(c.document)));
for (const c of T.stage) test(`tenStepStage: ${c.name}`, () => check(c, () => overgang.tenStepStage(c.step)));
for (const c of T.dimensions) test(`tenStepDimensions: ${c.name}`, () => check(c, () => overgang.tenStepDimensions(c.ratings, c.mapping)));
for (const c of T.development) test(`tenStepDevelopment: ${c.name}`, () => check(c, () => overgang.tenStepDevelopment(c.assessments)));
for (const c of O.stage) test(`outcomesStage: ${c.name}`, () => check(c, () => overgang.outcomesStage(c.rating)));
for (const c of O.distance) test(`outcomesDistance: ${c.name}`, () => check(c, () => overgang.outcomesDistance(c.first, c.latest)));
// JS callers write camelCase keys, and errors name the fields as they wrote them.
const camelField = (f) => f.replace(/_([a-z0-9])/g, (_, x) => x.toUpperCase());
const camelErrors = (c) => ("errors" in c ? { ...c, errors: c.errors.map((e) => ({ ...e, field: camelField(e.field) })) } : c);
for (const c of C.schedule) test(`ctiSchedule: ${c.name}`, () => check(camelErrors(c), () => overgang.ctiSchedule(camel(c.course))));
for (const c of C.phase_on) test(`ctiPhaseOn: ${c.name}`, () => check(c, () => overgang.ctiPhaseOn(camel(c.course), c.date)));
for (const c of C.recorded) {
  test(`courseFromJson: ${c.name}`, () => {
    if ("errors" in c) return check(c, () => overgang.courseFromJson(c.document));
    const got = overgang.courseFromJson(c.document, c.status_on);
    assert.equal(got.status.status, c.expected_status);
    assert.deepEqual(got.warnings.map((w) => w.code), c.warnings);
  });
}
