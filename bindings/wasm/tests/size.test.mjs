// The web form's first wasm module stays within its budget (issue #13, docs/wasm-size.md):
// at most 150 KB raw and 60 KB gzipped (`gzip -9`, the procedure of docs/wasm-size.md; Node's
// zlib, used only where gzip is missing, comes out a little larger, so it errs on the safe side).
// A size check, not a timed test. The second module and the Node build keep everything.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const KB = 1024;
const BUDGET = { raw: 150 * KB, gzip: 60 * KB };

function gzipped(file) {
  try {
    return execFileSync("gzip", ["-9", "-c", file], { maxBuffer: 64 * 1024 * 1024 }).length;
  } catch {
    return gzipSync(readFileSync(file), { level: 9 }).length;
  }
}

test("the web form's first module is at most 150 KB raw and 60 KB gzipped", () => {
  const file = path.join(here, "..", "pkg-web", "overgang_bg.wasm");
  const raw = statSync(file).size;
  const gz = gzipped(file);
  console.log(`pkg-web (first module): ${(raw / KB).toFixed(0)} KB raw, ${(gz / KB).toFixed(0)} KB gzipped; budget ${BUDGET.raw / KB} / ${BUDGET.gzip / KB} KB`);
  assert.ok(raw <= BUDGET.raw, `pkg-web/overgang_bg.wasm is ${raw} bytes raw, over the budget of ${BUDGET.raw}: see docs/wasm-size.md`);
  assert.ok(gz <= BUDGET.gzip, `pkg-web/overgang_bg.wasm is ${gz} bytes gzipped, over the budget of ${BUDGET.gzip}: see docs/wasm-size.md`);
});

test("the first module has what the page needs first, and leaves whole records to the second", async () => {
  const first = await import("../pkg-web/overgang.js");
  for (const name of ["scoreWho5", "scoreGse", "who5Band", "who5Change", "questionnaire", "options", "validateId", "ageBand", "tenStepStage"]) {
    assert.equal(typeof first[name], "function", name);
  }
  assert.equal(first.recordFromJson, undefined);
  assert.equal(first.cohortReport, undefined);
  // The messages of every code in two languages: the page loads the second module to show one.
  assert.equal(first.errorMessage, undefined);
  const second = await import("../pkg-web-report/overgang.js");
  for (const name of ["recordFromJson", "tenStepDimensions", "tenStepDevelopment", "cohortReport", "cohortRender", "reportOptions", "errorMessage"]) {
    assert.equal(typeof second[name], "function", name);
  }
});
