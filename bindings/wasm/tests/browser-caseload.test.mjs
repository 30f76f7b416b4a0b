// The caseload on the device and the report in the browser: records saved encrypted in IndexedDB,
// listed, searched, reopened; a wrong passphrase opens nothing; unsaved changes warn before
// leaving; export as one cohort document that the CLI's `overgang report` reads; import merged by
// ID with conflicts shown; the "Rapport" tab computes the same report as the CLI with a second
// wasm module loaded only when the tab is first opened; "forget this device" deletes everything.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { start, newPage, open as openAt, shoot, downloaded, root } from "./browser-helpers.mjs";
import { validateAgainstSchema } from "./schema.mjs";
import { overgang } from "./helpers.mjs";

const PASS = "korrekt hest batteri hæfteklamme";
const dir = mkdtempSync(path.join(tmpdir(), "overgang-caseload-"));
let env, page;
const requests = [];

before(async () => {
  env = await start();
  ({ page } = await newPage(env.browser));
  // Key derivation (PBKDF2, 600 000 rounds) is slow on purpose; on a busy 2-core CI machine a
  // save can take longer than the default 30 s.
  page.setDefaultTimeout(120_000);
  page.on("request", (r) => requests.push(r.url()));
});

after(async () => {
  await env?.close();
});

const open = () => openAt(page, env.origin);
const tab = (name) => page.click(`#tab-${name}`);
const status = () => page.textContent("#status");

async function register(id, age, who5) {
  await page.click("#new-record");
  await page.fill("#reg-id", id);
  await page.selectOption("#reg-gender", "woman");
  await page.fill("#reg-age", String(age));
  await page.fill("#reg-start", "2024-02-01");
  await page.check("#int-counselling");
  await tab("who5");
  await page.fill("#who5-date", "2024-02-01");
  for (const [i, v] of who5.entries()) await page.check(`#who5-item${i + 1}-${v}`);
  await page.click("#save-device");
  await page.waitForFunction((x) => document.getElementById("status").textContent.startsWith(x), id);
}

/** Every byte stored in the page's IndexedDB, as text. */
const storedText = () => page.evaluate(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open("overgang-caseload"); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const all = async (store) => new Promise((res) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => res(r.result); });
  const keys = async (store) => new Promise((res) => { const r = db.transaction(store).objectStore(store).getAllKeys(); r.onsuccess = () => res(r.result); });
  const dec = new TextDecoder();
  const walk = (v) => (v instanceof Uint8Array ? dec.decode(v) : v && typeof v === "object" ? Object.values(v).map(walk).join(" ") : String(v));
  const out = [walk(await all("records")), walk(await all("meta")), (await keys("records")).join(" ")].join(" ");
  db.close();
  return out;
});

test("a caseload is created with a passphrase, records are saved encrypted, listed and searched", async () => {
  await open();
  await tab("cases");
  await page.waitForSelector("#vault-none:not([hidden])");
  await page.fill("#pass-new", "kort");
  await page.fill("#pass-repeat", "kort");
  await page.click("#create");
  assert.equal(await page.textContent("#pass-new-error"), "Adgangsfrasen skal have mindst 12 tegn.");
  await page.fill("#pass-new", PASS);
  await page.fill("#pass-repeat", PASS + "x");
  await page.click("#create");
  assert.equal(await page.textContent("#pass-new-error"), "De to adgangsfraser er ikke ens.");
  await page.fill("#pass-repeat", PASS);
  await page.click("#create");
  await page.waitForSelector("#vault-open:not([hidden])");
  await page.fill("#project", "Exit Aarhus");
  await page.press("#project", "Tab");
  await register("AAR-0100", 34, [3, 4, 2, 3, 4]);
  await register("AAR-0101", 52, [1, 1, 2, 1, 1]);
  await tab("cases");
  assert.deepEqual(await page.$$eval("#case-list tr", (r) => r.map((x) => x.dataset.id)), ["AAR-0100", "AAR-0101"]);
  await page.fill("#case-search", "0101");
  assert.deepEqual(await page.$$eval("#case-list tr", (r) => r.map((x) => x.dataset.id)), ["AAR-0101"]);
  await page.fill("#case-search", "");
  assert.ok((await shoot(page, "caseload-list")) <= 0);
  // Nothing readable is stored: not the IDs, not the answers, not the project.
  const stored = await storedText();
  for (const s of ["AAR-0100", "AAR-0101", "woman", "counselling", "Exit Aarhus", "2024-02-01"]) assert.ok(!stored.includes(s), `${s} stored in clear`);
});

test("unsaved changes warn before leaving", async () => {
  await tab("reg");
  assert.equal(await page.getAttribute("#dirty", "data-dirty"), "false");
  await page.fill("#reg-age", "35");
  assert.equal(await page.getAttribute("#dirty", "data-dirty"), "true");
  assert.equal(await page.textContent("#dirty"), "Ikke gemt");
  const dialogs = [];
  page.on("dialog", (d) => dialogs.push(d.type()));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.ok(dialogs.includes("beforeunload"), `dialogs: ${dialogs}`);
});

test("after a reload the caseload is locked; a wrong passphrase opens nothing and says so", async () => {
  await tab("cases");
  await page.waitForSelector("#vault-locked:not([hidden])");
  await page.fill("#pass", "forkert frase");
  await page.click("#unlock");
  await page.waitForFunction(() => document.getElementById("pass-error").textContent !== "");
  assert.equal(await page.textContent("#pass-error"), "Forkert adgangsfrase. Intet er åbnet.");
  assert.equal(await page.isVisible("#vault-open"), false);
  assert.equal(await page.$$eval("#case-list tr", (r) => r.length), 0);
  assert.ok((await shoot(page, "caseload-wrong-passphrase")) <= 0);
  await page.fill("#pass", PASS);
  await page.click("#unlock");
  await page.waitForSelector("#vault-open:not([hidden])");
  assert.equal(await page.$$eval("#case-list tr", (r) => r.length), 2);
  // Reopen a record: every field and its measurement are back.
  await page.click('#case-list tr[data-id="AAR-0100"] button:text("Åbn")');
  assert.equal(await page.inputValue("#reg-id"), "AAR-0100");
  assert.equal(await page.inputValue("#reg-age"), "34");
  assert.equal(await page.textContent("#current-id"), "AAR-0100");
  await tab("who5");
  assert.match(await page.textContent("#who5-history"), /2024-02-01.*Indeks 64/);
});

let exported;
test("the caseload exports as one cohort document that the CLI's report reads", async () => {
  await tab("cases");
  exported = await downloaded(page, "#export", dir);
  const doc = JSON.parse(readFileSync(exported, "utf8"));
  assert.equal(doc.project, "Exit Aarhus");
  assert.deepEqual(doc.participants.map((p) => p.id), ["AAR-0100", "AAR-0101"]);
  assert.deepEqual(validateAgainstSchema("cohort", doc), []);
  const cli = (...args) => execFileSync("cargo", ["run", "-q", "-p", "overgang-cli", "--", "report", ...args], { cwd: root, encoding: "utf8" });
  const md = cli(exported);
  assert.match(md, /Exit Aarhus/);
  const json = JSON.parse(cli(exported, "--format", "json"));
  assert.equal(json.participants.count, 2);
  writeFileSync(path.join(dir, "cli-report.json"), JSON.stringify(json));
});

test("the report tab computes the CLI's report with the second wasm module", async () => {
  await tab("report");
  await page.waitForSelector("body[data-report=ready]");
  assert.ok(requests.some((u) => u.endsWith("/pkg-web-report/overgang_bg.wasm")));
  const html = await page.getAttribute("#report-frame", "srcdoc");
  assert.match(html, /Exit Aarhus/);
  const file = await downloaded(page, "#report-json", dir);
  const mine = JSON.parse(readFileSync(file, "utf8"));
  const cli = JSON.parse(readFileSync(path.join(dir, "cli-report.json"), "utf8"));
  assert.deepEqual(mine, cli, "the browser's report is the CLI's report of the exported caseload");
  assert.ok((await shoot(page, "report")) <= 0);
  // The report's options: the defaults are the core's (placeholders), a bad value gets the core's
  // message beside its field (in Danish, with the allowed range), and a good one gives the CLI's report.
  assert.equal(await page.getAttribute("#report-min-cell", "placeholder"), String(overgang.reportOptions({}).min_cell));
  await page.fill("#report-min-cell", "-1");
  await page.press("#report-min-cell", "Tab");
  await page.waitForFunction(() => document.getElementById("report-min-cell-error").textContent !== "");
  assert.equal(await page.textContent("#report-min-cell-error"), "Skal være mellem 0 og 1000000.");
  assert.equal(await page.isVisible("#report-frame"), false);
  assert.ok((await shoot(page, "report-options-error")) <= 0);
  await page.fill("#report-min-cell", "0");
  await page.fill("#report-as-of", "2024-06-30");
  await page.press("#report-as-of", "Tab");
  await page.waitForFunction(() => document.body.dataset.report === "ready" && !document.getElementById("report-frame").hidden && document.getElementById("report-min-cell-error").textContent === "");
  const tuned = JSON.parse(readFileSync(await downloaded(page, "#report-json", dir), "utf8"));
  const cliTuned = JSON.parse(execFileSync("cargo", ["run", "-q", "-p", "overgang-cli", "--", "report", exported, "--format", "json", "--min-cell", "0", "--as-of", "2024-06-30"], { cwd: root, encoding: "utf8" }));
  assert.deepEqual(tuned, cliTuned, "the fields give the CLI's --min-cell and --as-of");
  await page.fill("#report-min-cell", "");
  await page.fill("#report-as-of", "");
  await page.press("#report-as-of", "Tab");
  await page.click('[data-lang="en"]');
  await page.waitForFunction(() => /Exit Aarhus/.test(document.getElementById("report-frame").srcdoc) && document.documentElement.lang === "en");
  await page.click('[data-lang="da"]');
});

test("an import merges by ID: new ones added, identical ones skipped, conflicts shown and never overwritten", async () => {
  const doc = JSON.parse(readFileSync(exported, "utf8"));
  const changed = { ...doc.participants[0], age: 36 };
  const imported = { project: "Exit Aarhus", participants: [changed, doc.participants[1], { id: "AAR-0200", start: "2024-03-01", gender: "man" }] };
  const file = path.join(dir, "import.json");
  writeFileSync(file, JSON.stringify(imported));
  await tab("cases");
  await page.setInputFiles("#import-file", file);
  await page.waitForSelector("#import-summary");
  assert.equal(await page.textContent("#import-summary"), "Import: 1 nye, 1 uændrede, 1 konflikter.");
  assert.match(await page.textContent('#conflicts li[data-id="AAR-0100"]'), /Forskelle \(enheden → importen\): age: 34 → 36/);
  assert.deepEqual(await page.$$eval("#case-list tr", (r) => r.map((x) => x.dataset.id)), ["AAR-0100", "AAR-0101", "AAR-0200"]);
  assert.ok((await shoot(page, "caseload-import-conflict")) <= 0);
  // Until the worker chooses, the device keeps its own version.
  const ageOnDevice = async () => { await page.click('#case-list tr[data-id="AAR-0100"] button:text("Åbn")'); const a = await page.inputValue("#reg-age"); await tab("cases"); return a; };
  assert.equal(await ageOnDevice(), "34");
  await page.setInputFiles("#import-file", file);
  await page.waitForSelector("#conflicts");
  await page.click('#conflicts li[data-id="AAR-0100"] button:text("Brug den importerede")');
  await page.waitForFunction(() => /importerede version er gemt/.test(document.querySelector('#conflicts li[data-id="AAR-0100"]').textContent));
  assert.equal(await ageOnDevice(), "36");
  // A file that is not a valid cohort is refused with the core's messages, nothing added.
  writeFileSync(file, JSON.stringify({ project: "x", participants: [{ id: "010190-1234", start: "2024-01-01" }] }));
  await page.setInputFiles("#import-file", file);
  await page.waitForFunction(() => /ikke en gyldig/.test(document.getElementById("import-result").textContent));
  assert.ok(!(await page.textContent("#import-result")).includes("010190"));
  assert.equal(await page.$$eval("#case-list tr", (r) => r.length), 3);
});

test("locking closes the record on screen and the list", async () => {
  await tab("cases");
  await page.click('#case-list tr[data-id="AAR-0101"] button:text("Åbn")');
  assert.equal(await page.textContent("#current-id"), "AAR-0101");
  await tab("cases");
  await page.click("#lock");
  await page.waitForSelector("#vault-locked:not([hidden])");
  assert.equal(await page.textContent("#current-id"), "ny deltager (uden gyldigt ID)");
  assert.equal(await page.inputValue("#reg-id"), "");
  assert.equal(await page.$$eval("#case-list tr", (r) => r.length), 0);
  await page.fill("#pass", PASS);
  await page.click("#unlock");
  await page.waitForSelector("#vault-open:not([hidden])");
});

const NEW_PASS = "en helt ny og længere frase";
test("changing the passphrase re-encrypts every record; a wrong current passphrase changes nothing", async () => {
  await tab("cases");
  await page.waitForSelector("#vault-open:not([hidden])");
  const before = await storedText();
  await page.click("#change-pass-box summary");
  await page.fill("#pass-old", "ikke den rigtige frase");
  await page.fill("#pass-next", NEW_PASS);
  await page.fill("#pass-next-repeat", NEW_PASS);
  await page.click("#change-pass-submit");
  await page.waitForFunction(() => document.getElementById("pass-change-error").textContent !== "");
  assert.equal(await page.textContent("#pass-change-error"), "Forkert nuværende adgangsfrase. Intet er ændret.");
  assert.equal(await storedText(), before, "nothing is written after a wrong current passphrase");
  await page.fill("#pass-old", PASS);
  await page.click("#change-pass-submit");
  await page.waitForFunction(() => /skiftet/.test(document.getElementById("pass-change-status").textContent));
  assert.equal(await page.textContent("#pass-change-error"), "");
  const after = await storedText();
  assert.notEqual(after, before, "every stored box is new");
  for (const s of ["AAR-0100", "AAR-0101", "AAR-0200"]) assert.ok(!after.includes(s), `${s} stored in clear`);
  assert.ok((await shoot(page, "caseload-change-passphrase")) <= 0);
  // The old passphrase opens nothing now; the new one opens every record.
  await page.click("#lock");
  await page.waitForSelector("#vault-locked:not([hidden])");
  await page.fill("#pass", PASS);
  await page.click("#unlock");
  await page.waitForFunction(() => document.getElementById("pass-error").textContent !== "");
  assert.equal(await page.textContent("#pass-error"), "Forkert adgangsfrase. Intet er åbnet.");
  await page.fill("#pass", NEW_PASS);
  await page.click("#unlock");
  await page.waitForSelector("#vault-open:not([hidden])");
  assert.deepEqual(await page.$$eval("#case-list tr", (r) => r.map((x) => x.dataset.id)), ["AAR-0100", "AAR-0101", "AAR-0200"]);
  await page.click('#case-list tr[data-id="AAR-0100"] button:text("Åbn")');
  assert.equal(await page.inputValue("#reg-age"), "36");
});

test("the caseload locks itself after inactivity: the list and the record on screen close, the passphrase is asked again", async () => {
  await tab("cases");
  await page.waitForSelector("#vault-open:not([hidden])");
  assert.equal(await page.inputValue("#autolock"), "10", "ten minutes by default");
  await page.click('#case-list tr[data-id="AAR-0101"] button:text("Åbn")');
  assert.equal(await page.textContent("#current-id"), "AAR-0101");
  // The test hook shortens the timeout to 300 ms; the page is then left alone until it locks.
  await page.evaluate(() => window.overgangForm.setAutoLockMs(300));
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("inaktivitet"));
  assert.equal(await page.textContent("#status"), "Deltagerlisten blev låst efter inaktivitet. Skriv adgangsfrasen for at åbne den igen.");
  assert.equal(await page.textContent("#current-id"), "ny deltager (uden gyldigt ID)");
  assert.equal(await page.inputValue("#reg-id"), "");
  // Saving now needs the passphrase again: the key is gone.
  await page.click("#save-device");
  assert.equal(await status(), "Lås deltagerlisten op (eller opret den) for at gemme på enheden.");
  await page.waitForSelector("#vault-locked:not([hidden])");
  assert.equal(await page.$$eval("#case-list tr", (r) => r.length), 0);
  await page.evaluate(() => window.overgangForm.setAutoLockMs(null));
  await page.fill("#pass", NEW_PASS);
  await page.click("#unlock");
  await page.waitForSelector("#vault-open:not([hidden])");
  // The chosen time is kept on the device.
  await page.selectOption("#autolock", "30");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await tab("cases");
  await page.fill("#pass", NEW_PASS);
  await page.click("#unlock");
  await page.waitForSelector("#vault-open:not([hidden])");
  assert.equal(await page.inputValue("#autolock"), "30");
});

test("forget this device deletes everything", async () => {
  await tab("cases");
  await page.click("#forget");
  await page.waitForSelector("#vault-none:not([hidden])");
  assert.equal(await status(), "Alt er slettet fra denne enhed.");
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  assert.ok(!names.includes("overgang-caseload"), `${names}`);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await tab("cases");
  await page.waitForSelector("#vault-none:not([hidden])");
  assert.equal(await page.isVisible("#vault-open"), false);
  assert.ok((await shoot(page, "caseload-create")) <= 0);
});
