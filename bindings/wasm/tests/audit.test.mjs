// The disclosure auditor from JavaScript: a report is clean, a tampered one is not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { overgang } from "./helpers.mjs";

test("a report passes its own audit and a leaky one does not", () => {
  const report = overgang.cohortReport(overgang.sampleCohort());
  assert.deepEqual(overgang.audit(report), []);
  const area = report.ten_step.areas.find((a) => a.n >= 3);
  area.positive = { count: area.n - 1, percent: null, suppressed: false };
  assert.deepEqual(overgang.audit(report).map((f) => f.code), ["complement"]);
});
