// fast-check arbitraries of valid participant records, built from the published JSON Schema
// (docs/schema/participant_record.schema.json: its enums, step range and required keys) and
// from the built-in sample cohort (CTI courses and life-situation readings as the core writes
// them). Every generated record is checked with the core's recordFromJson: only valid records.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { overgang } from "./helpers.mjs";

/** The core's record validator (recordFromJson; validateRecord before the API renames). */
export const recordFromJson = overgang.recordFromJson ?? overgang.validateRecord;
const schema = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "schema", "participant_record.schema.json"), "utf8"));
const defs = schema.$defs;
const consts = (name) => defs[name].oneOf.map((o) => o.const);
const sample = JSON.parse(overgang.sampleCohort()).participants;
const courses = sample.filter((p) => p.cti).map((p) => p.cti);
const lifeAreas = (overgang.outcomesAreas ?? overgang.lifeSituationAreas)("en").map((a) => a.id);
const areas = overgang.tenStepAreas("en").map((a) => a.id);
const who5Values = overgang.questionnaire("who5", "en").answers.map((a) => a.value);
const gseValues = overgang.questionnaire("gse", "en").answers.map((a) => a.value);
const [stepMin, stepMax] = [defs.Step.minimum, defs.Step.maximum];

const day = fc.integer({ min: 0, max: 3 * 365 });
const iso = (n) => new Date(Date.UTC(2022, 0, 1) + n * 864e5).toISOString().slice(0, 10);
const date = day.map(iso);
const maybe = (arb, { nullable = false } = {}) => fc.option(arb, { nil: undefined }).chain((v) => (nullable && v === undefined ? fc.constantFrom(undefined, null) : fc.constant(v)));
const answers = (values, n) => fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constant(null) }), { minLength: n, maxLength: n });
const measurement = (values, n) => fc.record({ date, items: answers(values, n) });

const generated = fc.record({
  id: fc.tuple(fc.constantFrom("AAR", "CPH", "ESB", "ODE"), fc.integer({ min: 1, max: 9999 })).map(([p, n]) => `${p}-${String(n).padStart(4, "0")}`),
  gender: maybe(fc.constantFrom(...consts("Gender")), { nullable: true }),
  age: maybe(fc.integer({ min: schema.properties.age.minimum, max: schema.properties.age.maximum })),
  startDay: day,
  endAfter: maybe(fc.integer({ min: 0, max: 400 })),
  forms: maybe(fc.uniqueArray(fc.constantFrom(...consts("ProstitutionForm")), { maxLength: 3 })),
  goal: maybe(fc.constantFrom(...consts("IntakeGoal")), { nullable: true }),
  anonymous: maybe(fc.boolean()),
  anti_trafficking_referral: maybe(fc.boolean()),
  other_referrals: maybe(fc.array(fc.constantFrom("addiction treatment", "housing office", "psychiatry"), { maxLength: 2 })),
  interventions: maybe(fc.array(fc.record({ category: fc.constantFrom(...consts("Category")), date: maybe(date, { nullable: true }) }, { requiredKeys: ["category"] }), { maxLength: 4 })),
  who5: maybe(fc.array(measurement(who5Values, 5), { maxLength: 3 })),
  gse: maybe(fc.array(measurement(gseValues, 10), { maxLength: 2 })),
  ten_step: maybe(fc.array(fc.record({ date, ratings: fc.dictionary(fc.constantFrom(...areas), fc.integer({ min: stepMin, max: stepMax }), { maxKeys: 4 }) }), { maxLength: 3 })),
  outcomes: maybe(fc.array(fc.record({ date, ratings: fc.dictionary(fc.constantFrom(...lifeAreas), fc.integer({ min: defs.Rating.minimum, max: defs.Rating.maximum }), { maxKeys: 3 }) }), { maxLength: 2 })),
  cti: maybe(fc.constantFrom(...courses)),
}, { requiredKeys: ["id", "startDay"] }).map(({ startDay, endAfter, ...r }) => {
  const out = { id: r.id, start: iso(startDay) };
  if (endAfter !== undefined) out.end = iso(startDay + endAfter);
  for (const [k, v] of Object.entries(r)) if (k !== "id" && v !== undefined) out[k] = v;
  // Drop undefined optional keys inside intervention entries.
  if (out.interventions) out.interventions = out.interventions.map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)));
  return out;
}).filter((r) => {
  try { recordFromJson(r); return true; } catch { return false; }
});

/** A valid record: generated from the schema, or one of the sample cohort's (as the core writes them). */
export const validRecord = fc.oneof({ weight: 4, arbitrary: generated }, { weight: 1, arbitrary: fc.constantFrom(...sample) });
