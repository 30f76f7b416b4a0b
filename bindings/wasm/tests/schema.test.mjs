// The published JSON Schemas accept what the core accepts: the sample cohort, the golden
// fixtures and a participant record.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { overgang } from "./helpers.mjs";
import { validateAgainstSchema } from "./schema.mjs";

const golden = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "tests", "golden");

test("the sample cohort and the golden fixtures validate against cohort.schema.json", () => {
  assert.deepEqual(validateAgainstSchema("cohort", JSON.parse(overgang.sampleCohort())), []);
  for (const name of ["aarhus", "copenhagen", "esbjerg"]) {
    assert.deepEqual(validateAgainstSchema("cohort", JSON.parse(readFileSync(path.join(golden, `${name}.cohort.json`), "utf8"))), [], name);
  }
});

test("the schema refuses what the core refuses by shape", () => {
  assert.notDeepEqual(validateAgainstSchema("participant_record", { id: "has space", start: "2024-01-01" }), []);
  assert.notDeepEqual(validateAgainstSchema("participant_record", { id: "A1", start: "2024-01-01", gender: "female" }), []);
  assert.notDeepEqual(validateAgainstSchema("ten_step_assessment", { date: "2024-01-01", ratings: { economy: 11 } }), []);
});

test("a report validates against report.schema.json", () => {
  const r = overgang.cohortReport(overgang.sampleCohort(), {});
  assert.deepEqual(validateAgainstSchema("report", r), []);
});
