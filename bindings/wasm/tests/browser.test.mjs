// The offline form in a real browser: Debian's chromium driven by playwright-core, the page
// served from 127.0.0.1. Screenshots go to target/screenshots/ (repository root).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../www/serve.mjs";
import { overgang } from "./helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, "..", "..", "..", "target", "screenshots");
mkdirSync(shots, { recursive: true });
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

let server, browser, page, origin;
const requests = [];

before(async () => {
  server = await serve(0);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ acceptDownloads: true, locale: "da-DK", viewport: { width: 1000, height: 900 } });
  page = await context.newPage();
  page.on("request", (r) => requests.push(r.url()));
  await open();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open() {
  await page.goto(`${origin}/www/`);
  await page.waitForSelector("body[data-ready=true]");
}

const tab = (name) => page.click(`#tab-${name}`);
const answer = (id, item, value) => page.check(`#${id}-item${item}-${value}`);

test("WHO-5: all answers give the index and band", async () => {
  await open();
  for (const [i, v] of [3, 4, 2, 3, 4].entries()) await answer("who5", i + 1, v);
  assert.equal(await page.textContent("#who5-raw"), "16");
  assert.equal(await page.textContent("#who5-index"), "64");
  assert.equal(await page.getAttribute("#who5-band", "data-band"), "no_immediate_risk");
  // The band's index range is read from the core's band rule: 51-100 in the ministry report.
  assert.match(await page.textContent("#who5-band-text"), /^Indeks 51-100: /);
  assert.match(await page.textContent("#who5-band"), /Ingen umiddelbar risiko/);
  assert.equal(await page.$(".flags"), null, "no screening flags at index 64");
  await page.screenshot({ path: path.join(shots, "who5.png"), fullPage: true });
});

test("WHO-5: a missing answer is marked next to its question", async () => {
  await open();
  for (const [i, v] of [1, 1, 2, 1].entries()) await answer("who5", i + 1, v);
  const msg = await page.textContent("#who5-item5-error");
  assert.ok(msg && msg.length > 5, `message: ${msg}`);
  assert.equal(await page.isVisible("#who5-item5-error"), true);
  assert.equal(await page.textContent("#who5-item1-error"), "");
  assert.equal(await page.$("#who5-index"), null, "no score with a missing answer");
  await page.screenshot({ path: path.join(shots, "who5-missing.png"), fullPage: true });
});

test("switching language changes the texts", async () => {
  await open();
  assert.match(await page.textContent("#who5-item1 legend"), /Jeg har været glad/);
  await page.click('[data-lang="en"]');
  assert.match(await page.textContent("#who5-item1 legend"), /I have felt cheerful/);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  // In English an item's message is the core's own.
  for (let i = 1; i <= 4; i++) await answer("who5", i, 1);
  assert.match(await page.textContent("#who5-item5-error"), /^item5 is missing/);
  // A low score in English: the high-risk band with its range (0-35) and both WHO screening flags.
  await answer("who5", 5, 1);
  assert.equal(await page.textContent("#who5-index"), "20");
  assert.equal(await page.textContent("#who5-band"), "High risk");
  assert.match(await page.textContent("#who5-band-text"), /^Index 0-35: /);
  assert.equal(await page.locator(".flags li").count(), 2);
  await page.screenshot({ path: path.join(shots, "who5-en-high-risk.png"), fullPage: true });
  await page.click('[data-lang="da"]');
  assert.match(await page.textContent("#tab-who5"), /trivsel/);
});

test("GSE: three missing are imputed, four give no score", async () => {
  await open();
  await tab("gse");
  const values = [3, 3, 2, 2, 4, 3, 3];
  for (const [i, v] of values.entries()) await answer("gse", i + 1, v);
  assert.equal(await page.getAttribute("#gse-imputed", "data-imputed"), "true");
  assert.equal(await page.textContent("#gse-score"), (values.reduce((a, b) => a + b) / 7 * 10).toFixed(1));
  await page.screenshot({ path: path.join(shots, "gse.png"), fullPage: true });
  await open();
  await tab("gse");
  for (const [i, v] of values.slice(0, 6).entries()) await answer("gse", i + 1, v);
  assert.equal(await page.$("#gse-score"), null);
  assert.ok(await page.isVisible("#gse-too-many"));
});

test("ten-step: stages and dimensions", async () => {
  await open();
  await tab("ten");
  await page.selectOption("#ten-economy", "4");
  await page.selectOption("#ten-housing", "6");
  await page.selectOption("#ten-employment", "2");
  await page.selectOption("#ten-violence", "9");
  assert.equal(await page.getAttribute("#ten-economy-stage", "data-stage"), "stabilisation");
  assert.equal(await page.getAttribute("#ten-employment-stage", "data-stage"), "survival");
  assert.equal(await page.getAttribute("#ten-violence-stage", "data-stage"), "integration");
  assert.equal(await page.textContent("#dim-options_for_action dd"), "4,0");
  assert.equal(await page.textContent("#dim-mental_wellbeing dd"), "9,0");
  await page.screenshot({ path: path.join(shots, "ten-step.png"), fullPage: true });
});

test("registration: a CPR number is refused without being repeated", async () => {
  await open();
  await tab("reg");
  await page.fill("#reg-id", "010190-1234");
  const msg = await page.textContent("#reg-id-error");
  assert.ok(msg.length > 5);
  assert.ok(!msg.includes("010190") && !msg.includes("1234"));
  assert.equal(await page.getAttribute("#reg-id", "aria-invalid"), "true");
  await page.fill("#reg-id", "AAR-0001");
  assert.equal(await page.textContent("#reg-id-error"), "");
  // The other fields are checked by the same call: an empty start date is reported as missing.
  assert.equal(await page.textContent("#reg-start-error"), "Skal udfyldes.");
});

test("Download JSON gives a record the core and the report accept, and Load JSON restores it", async () => {
  await open();
  for (const [i, v] of [3, 4, 2, 3, 4].entries()) await answer("who5", i + 1, v);
  await tab("ten");
  await page.selectOption("#ten-economy", "4");
  await tab("reg");
  await page.fill("#reg-id", "AAR-0042");
  await page.selectOption("#reg-gender", "woman");
  await page.fill("#reg-age", "34");
  await page.fill("#reg-start", "2024-03-01");
  await page.fill("#reg-date", "2024-03-01");
  await page.check("#int-counselling");
  assert.match(await page.textContent("#reg-age-band"), /31-35/);
  await page.screenshot({ path: path.join(shots, "registration.png"), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "overgang-")), "record.json");
  await download.saveAs(file);
  const rec = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(rec.id, "AAR-0042");
  assert.deepEqual(rec.who5, [{ date: "2024-03-01", items: [3, 4, 2, 3, 4] }]);
  assert.deepEqual(rec.ten_step, [{ date: "2024-03-01", ratings: { economy: 4 } }]);
  // The same core (Node build) accepts it as a participant record and in a cohort report.
  overgang.recordFromJson(rec);
  const report = overgang.cohortReport({ project: "Form", participants: [rec] }, { minCell: 0, minWave: 1 });
  assert.equal(report.participants.count, 1);
  assert.equal(report.who5.waves[0].mean_index, 64);
  // And it validates against the published JSON Schema.
  const { validateAgainstSchema } = await import("./schema.mjs");
  assert.deepEqual(validateAgainstSchema("participant_record", rec), []);

  await open();
  await tab("reg");
  await page.setInputFiles("#load-file", file);
  await page.waitForFunction(() => document.querySelector("#reg-id").value === "AAR-0042");
  assert.equal(await page.inputValue("#reg-age"), "34");
  assert.equal(await page.isChecked("#int-counselling"), true);
  await tab("who5");
  assert.equal(await page.textContent("#who5-index"), "64");
});

test("keyboard: tabs move with the arrow keys and focus is visible", async () => {
  await open();
  await page.focus("#tab-who5");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-gse");
  assert.equal(await page.isVisible("#panel-gse"), true);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
});

test("no horizontal scrolling on any form, at desktop and phone width", async () => {
  for (const width of [1000, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await open();
    for (const name of ["who5", "gse", "ten", "reg"]) {
      await tab(name);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} at ${width}px: horizontal overflow of ${overflow}px`);
    }
  }
  for (const name of ["ten", "reg", "who5"]) {
    await tab(name);
    await page.screenshot({ path: path.join(shots, `${name === "who5" ? "who5" : name === "ten" ? "ten-step" : "registration"}-phone.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1000, height: 900 });
});

test("a build without the domain model says so instead of computing in JS", async () => {
  // Serve a module that re-exports only the questionnaire functions of the real build.
  const only = ["scoreWho5", "scoreGse", "who5Band", "who5Change", "questionnaire", "errorCodes"];
  await page.route((url) => url.pathname.endsWith("/pkg-web/overgang.js") && url.search === "", (route) =>
    route.fulfill({ contentType: "text/javascript", body: `export { default, ${only.join(", ")} } from "./overgang.js?full";` }));
  try {
    await open();
    await answer("who5", 1, 3);
    assert.equal(await page.$("#who5-item1-error:not(:empty)"), null);
    await tab("ten");
    assert.match(await page.textContent("#ten-form"), /Ikke tilgængelig i denne version/);
    await tab("reg");
    assert.equal(await page.isVisible("#reg-form"), false);
    assert.match(await page.textContent("#reg-missing"), /Ikke tilgængelig/);
    assert.equal(await page.isDisabled("#download"), true);
  } finally {
    await page.unrouteAll();
  }
});

test("the size of the web build is reported", () => {
  const wasm = readFileSync(path.join(here, "..", "pkg-web", "overgang_bg.wasm"));
  const gz = gzipSync(wasm, { level: 9 }).length;
  console.log(`web build: overgang_bg.wasm ${(wasm.length / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(0)} KB gzipped (see docs/wasm-size.md)`);
  assert.ok(wasm.length < 600 * 1024, "the web build has grown past 600 KB: see docs/wasm-size.md");
});

test("the page makes no request beyond its own origin", () => {
  assert.ok(requests.length > 0);
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"));
  assert.deepEqual(foreign, []);
});
