// Nothing lost, in the browser: a record loaded and saved without edits is the same document
// (the example record, and valid records generated from the schema); the measurement
// history is edited entry by entry (add, re-date, change an answer, delete) and shows the change
// since the first measurement; every key the page does not show stays as loaded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { start, newPage, open as openAt, shoot, downloaded } from "./browser-helpers.mjs";
import { validRecord, recordFromJson } from "./records.mjs";
import { overgang } from "./helpers.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "overgang-record-"));
let env, page;

before(async () => {
  env = await start();
  ({ page } = await newPage(env.browser));
});

after(async () => {
  await env?.close();
});

const open = () => openAt(page, env.origin);
const tab = (name) => page.click(`#tab-${name}`);

/** The record: two WHO-5 measurements, a goal, forms and a dated intervention, and more. */
const FULL = {
  id: "AAR-0007", gender: "woman", age: 29, start: "2024-01-10", forms: ["escort", "online"], goal: "exit",
  anonymous: false, anti_trafficking_referral: true, other_referrals: ["addiction treatment"],
  interventions: [{ category: "counselling", date: "2024-01-12" }, { category: "group_therapy" }],
  who5: [{ date: "2024-01-10", items: [1, 2, 1, 2, 1] }, { date: "2024-03-12", items: [3, 3, 2, 3, 3] }],
  gse: [{ date: "2024-01-10", items: [2, 2, 3, null, 2, 2, 3, 2, 2, 2] }],
  ten_step: [{ date: "2024-01-10", ratings: { economy: 3, housing: 5 } }, { date: "2024-03-12", ratings: { economy: 5, housing: 5 } }],
  outcomes: [{ date: "2024-01-10", ratings: { housing: 4 } }],
  cti: JSON.parse(overgang.sampleCohort()).participants.find((p) => p.cti).cti,
};

async function loadAndSave(doc, name) {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  await open();
  await tab("reg");
  await page.setInputFiles("#load-file", file);
  await page.waitForFunction((id) => document.getElementById("current-id").textContent === id, doc.id);
  return JSON.parse(readFileSync(await downloaded(page, "#download", path.join(dir, "out")), "utf8"));
}

test("the issue's record: load then save without edits gives the same document", async () => {
  recordFromJson(FULL);
  assert.deepEqual(await loadAndSave(FULL, "full"), FULL);
});

test("valid records generated from the schema: load then save gives the same document", async () => {
  const docs = fc.sample(validRecord, { numRuns: 6, seed: 15 });
  for (const [i, doc] of docs.entries()) assert.deepEqual(await loadAndSave(doc, `gen${i}`), doc, `record ${i}`);
});

test("measurement history: earlier entries shown, change since the first, add, edit and delete", async () => {
  await loadAndSave(FULL, "history");
  await tab("who5");
  const rows = () => page.$$eval("#who5-history tbody tr", (r) => r.map((x) => x.textContent));
  assert.equal((await rows()).length, 2);
  assert.match((await rows())[0], /2024-01-10.*Indeks 28/);
  assert.match((await rows())[1], /2024-03-12.*Indeks 56/);
  // The change since the first measurement, classified by the core.
  assert.equal(await page.getAttribute("#who5-since-first", "data-change"), "28");
  assert.equal(await page.getAttribute("#who5-since-first", "data-class"), overgang.who5Change(28, 56));
  // The change is named with the core's label of its class (options("who5_changes")).
  const changeLabel = overgang.options("who5_changes", "da").find((c) => c.id === overgang.who5Change(28, 56)).label;
  assert.ok((await page.textContent("#who5-since-first")).endsWith(` – ${changeLabel}`));
  // A new measurement, dated, three months later.
  await page.fill("#who5-date", "2024-06-10");
  for (const [i, v] of [4, 4, 4, 3, 4].entries()) await page.check(`#who5-item${i + 1}-${v}`);
  assert.equal((await rows()).length, 3);
  assert.match((await rows())[2], /2024-06-10.*Indeks 76/);
  assert.equal(await page.getAttribute("#who5-since-first", "data-change"), "48");
  await shoot(page, "who5-history");
  // Edit the first one: one answer and its date.
  await page.click('#who5-history tr[data-index="0"] button:text("Ret")');
  assert.match(await page.textContent("#who5-editing"), /2024-01-10/);
  assert.equal(await page.isChecked("#who5-item1-1"), true);
  await page.check("#who5-item1-2");
  await page.fill("#who5-date", "2024-01-11");
  await page.dispatchEvent("#who5-date", "change");
  assert.match((await rows())[0], /2024-01-11.*Indeks 32/);
  // Delete the second.
  await page.click('#who5-history tr[data-index="1"] button:text("Slet")');
  assert.equal((await rows()).length, 2);
  // Ten-step: development per area since the first assessment.
  await tab("ten");
  assert.equal(await page.textContent('#ten-development tr[data-area="economy"] td:last-child'), "+2");
  await shoot(page, "ten-step-history");
  await tab("reg");
  const saved = JSON.parse(readFileSync(await downloaded(page, "#download", path.join(dir, "edited")), "utf8"));
  assert.deepEqual(saved.who5, [{ date: "2024-01-11", items: [2, 2, 1, 2, 1] }, { date: "2024-06-10", items: [4, 4, 4, 3, 4] }]);
  // Everything else as loaded.
  const { who5: _a, ...rest } = saved;
  const { who5: _b, ...restFull } = FULL;
  assert.deepEqual(rest, restFull);
});

test("registration edits keep what the page does not show (intervention dates, referrals, CTI)", async () => {
  await loadAndSave(FULL, "reg");
  await tab("reg");
  assert.equal(await page.isChecked("#form-escort"), true);
  assert.equal(await page.inputValue("#reg-goal"), "exit");
  await page.check("#int-bridging");
  await page.uncheck("#int-group_therapy");
  await page.fill("#reg-age", "30");
  await page.selectOption("#reg-goal", "improve_situation");
  await shoot(page, "registration-loaded");
  const saved = JSON.parse(readFileSync(await downloaded(page, "#download", path.join(dir, "reg-edited")), "utf8"));
  assert.deepEqual(saved.interventions, [{ category: "counselling", date: "2024-01-12" }, { category: "bridging" }]);
  assert.equal(saved.age, 30);
  assert.equal(saved.goal, "improve_situation");
  for (const k of ["forms", "other_referrals", "cti", "outcomes", "who5", "gse", "ten_step", "anonymous", "anti_trafficking_referral"]) assert.deepEqual(saved[k], FULL[k], k);
});
