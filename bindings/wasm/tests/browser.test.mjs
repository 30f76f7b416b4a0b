// The form in a real browser: Debian's chromium driven by playwright-core, the page served from
// 127.0.0.1. Questionnaires, ten-step scale, registration, messages, keyboard and layout.
// (Records and history: browser-record.test.mjs; offline: browser-offline.test.mjs; caseload and
// report: browser-caseload.test.mjs.) Screenshots go to target/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { overgang } from "./helpers.mjs";
import { recordFromJson } from "./records.mjs";
import { start, newPage, open as openAt, shots, downloaded } from "./browser-helpers.mjs";

let env, page, origin;
const requests = [];

before(async () => {
  env = await start();
  origin = env.origin;
  ({ page } = await newPage(env.browser));
  page.on("request", (r) => requests.push(r.url()));
  await open();
});

after(async () => {
  await env?.close();
});

const open = () => openAt(page, origin);
/** Opens a tab; the registration waits for the second wasm module (whole-record validation). */
const tab = async (name) => {
  await page.click(`#tab-${name}`);
  if (name === "reg") await page.waitForSelector("body[data-records=ready]");
};
const answer = (id, item, value) => page.check(`#${id}-item${item}-${value}`);

test("WHO-5: all answers give the index and band, announced once", async () => {
  await open();
  for (const [i, v] of [3, 4, 2, 3, 4].entries()) await answer("who5", i + 1, v);
  assert.equal(await page.textContent("#who5-raw"), "16");
  assert.equal(await page.textContent("#who5-index"), "64");
  assert.equal(await page.getAttribute("#who5-band", "data-band"), "no_immediate_risk");
  // The band's index range is read from the core's band rule: 51-100 in the ministry report.
  // The band's name is the core's label (options("who5_bands")), not a text of the page.
  assert.equal(await page.textContent("#who5-band-text"), `Indeks 51-100: ${overgang.options("who5_bands", "da").find((b) => b.id === "no_immediate_risk").label}`);
  assert.match(await page.textContent("#who5-band"), /Ingen umiddelbar risiko/);
  assert.equal(await page.$(".flags"), null, "no screening flags at index 64");
  // One polite live region says the score; the result box itself is not a live region.
  assert.equal(await page.getAttribute("#announce", "aria-live"), "polite");
  assert.equal(await page.textContent("#announce"), "WHO-5 beregnet: indeks 64, Ingen umiddelbar risiko.");
  assert.equal(await page.getAttribute("#who5-result", "aria-live"), null);
  const mutations = await page.evaluate(() => new Promise((resolve) => {
    let n = 0;
    new MutationObserver((m) => { n += m.length; }).observe(document.getElementById("announce"), { childList: true, characterData: true, subtree: true });
    // Re-rendering the same score (switching language back and forth re-renders everything).
    document.querySelector('[data-lang="da"]').click();
    setTimeout(() => resolve(n), 0);
  }));
  assert.equal(mutations, 0, "the same score is not announced again");
  await page.screenshot({ path: path.join(shots, "who5.png"), fullPage: true });
});

test("WHO-5: a partial questionnaire is not scored and says how many are answered", async () => {
  await open();
  await answer("who5", 1, 3);
  assert.equal(await page.textContent("#who5-not-scored"), "Ikke beregnet: 1 af 5 besvaret.");
  // Nothing is marked missing before it has been passed over.
  assert.equal(await page.$$eval(".item.invalid", (x) => x.length), 0);
  for (const [i, v] of [[2, 1], [3, 2], [5, 1]]) await answer("who5", i, v);
  assert.equal(await page.textContent("#who5-not-scored"), "Ikke beregnet: 4 af 5 besvaret.");
  assert.equal(await page.textContent("#who5-item4-error"), "Besvar venligst dette spørgsmål.");
  assert.equal(await page.isVisible("#who5-item4-error"), true);
  assert.equal(await page.textContent("#who5-item1-error"), "");
  assert.equal(await page.$("#who5-index"), null, "no score with a missing answer");
  // The registration does not call the record "valid" because of an unscored questionnaire:
  // the history says it is not scored.
  assert.match(await page.textContent("#who5-history"), /Ikke beregnet: 4 af 5 besvaret/);
  await page.screenshot({ path: path.join(shots, "who5-missing.png"), fullPage: true });
});

test("switching language changes every text, the title, the tab list's label and lang", async () => {
  await open();
  assert.match(await page.textContent("#who5-item1 legend"), /Jeg har været glad/);
  assert.equal(await page.title(), "overgang – spørgeskemaer og registrering");
  await page.click('[data-lang="en"]');
  assert.match(await page.textContent("#who5-item1 legend"), /I have felt cheerful/);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.title(), "overgang – questionnaires and registration");
  assert.equal(await page.getAttribute('[role="tablist"]', "aria-label"), "Forms");
  assert.equal(await page.getAttribute(".lang", "aria-label"), "Language");
  assert.equal(await page.textContent("#tab-cases"), "Participants");
  for (const i of [1, 2, 3, 5]) await answer("who5", i, 1);
  assert.equal(await page.textContent("#who5-item4-error"), "Please answer this item.");
  assert.equal(await page.textContent("#who5-not-scored"), "Not scored: 4 of 5 answered.");
  // A low score in English: the high-risk band with its range (0-35) and both WHO screening flags.
  await answer("who5", 4, 1);
  assert.equal(await page.textContent("#who5-index"), "20");
  assert.equal(await page.textContent("#who5-band"), "High risk");
  assert.match(await page.textContent("#who5-band-text"), /^Index 0-35: /);
  assert.equal(await page.locator(".flags li").count(), 2);
  // No Danish text is left on the English page (the language buttons carry their own lang).
  const danish = await page.evaluate(() => [...document.querySelectorAll("body *:not(script)")]
    .filter((e) => !e.closest("[lang]:not(html)") && [...e.childNodes].some((n) => n.nodeType === 3 && /[æøå]|Deltager|Gem |Målinger|Ikke /i.test(n.textContent)))
    .map((e) => e.textContent.trim().slice(0, 40)));
  assert.deepEqual(danish, []);
  await page.screenshot({ path: path.join(shots, "who5-en-high-risk.png"), fullPage: true });
  await page.click('[data-lang="da"]');
  assert.match(await page.textContent("#tab-who5"), /trivsel/);
  assert.equal(await page.getAttribute('[role="tablist"]', "aria-label"), "Skemaer");
});

test("GSE: three missing are imputed, four give no score and say how many are answered", async () => {
  await open();
  await tab("gse");
  const values = [3, 3, 2, 2, 4, 3, 3];
  for (const [i, v] of values.entries()) await answer("gse", i + 1, v);
  assert.equal(await page.getAttribute("#gse-imputed", "data-imputed"), "true");
  assert.equal(await page.textContent("#gse-imputed"), "3 manglende svar er erstattet med gennemsnittet af de 7 besvarede.");
  // Danish decimal comma, as in the history and the ten-step dimensions.
  assert.equal(await page.textContent("#gse-score"), (values.reduce((a, b) => a + b) / 7 * 10).toFixed(1).replace(".", ","));
  await page.screenshot({ path: path.join(shots, "gse.png"), fullPage: true });
  await open();
  await tab("gse");
  for (const [i, v] of values.slice(0, 6).entries()) await answer("gse", i + 1, v);
  assert.equal(await page.$("#gse-score"), null);
  assert.equal(await page.textContent("#gse-not-scored"), "Ikke beregnet: 6 af 10 besvaret. Scoren beregnes, når mindst 7 er besvaret.");
});

test("ten-step: stages and dimensions, steps offered are those the core accepts", async () => {
  await open();
  await tab("ten");
  const offered = await page.$$eval("#ten-economy option", (o) => o.map((x) => x.value).filter(Boolean).map(Number));
  assert.deepEqual(offered, offered.filter((s) => { try { overgang.tenStepStage(s); return true; } catch { return false; } }));
  assert.ok(offered.length > 0);
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

test("registration: errors show after a field is left, say what is wrong, never repeat a CPR number", async () => {
  await open();
  await tab("reg");
  await page.fill("#reg-id", "010190-1234");
  assert.equal(await page.textContent("#reg-id-error"), "", "no error while the field is first typed");
  await page.press("#reg-id", "Tab");
  const msg = await page.textContent("#reg-id-error");
  assert.ok(msg.length > 5);
  assert.ok(!msg.includes("010190") && !msg.includes("1234"));
  assert.equal(await page.getAttribute("#reg-id", "aria-invalid"), "true");
  assert.equal(await page.textContent("#current-id"), "ny deltager (uden gyldigt ID)", "the record bar does not repeat it");
  // The start date has not been touched: no error for it yet.
  assert.equal(await page.textContent("#reg-start-error"), "");
  // A name typed as the ID: an ID message, not a date hint.
  await page.fill("#reg-id", "Maria Jensen");
  const nameMsg = await page.textContent("#reg-id-error");
  assert.doesNotMatch(nameMsg, /dato|ÅÅÅÅ/);
  assert.ok(!nameMsg.includes("Maria"));
  await page.fill("#reg-id", "AAR-0001");
  assert.equal(await page.textContent("#reg-id-error"), "");
  // Age 17 once left: the message says what is allowed, from the core (context, or its message).
  await page.fill("#reg-age", "17");
  await page.press("#reg-age", "Tab");
  const accepted = [...Array(256).keys()].filter((a) => { try { overgang.ageBand(a); return true; } catch { return false; } });
  assert.equal(await page.textContent("#reg-age-error"), `Skal være mellem ${accepted[0]} og ${accepted[accepted.length - 1]}.`);
  // Saving shows every remaining error: the empty start date is reported as missing.
  await page.click("#download");
  assert.equal(await page.textContent("#reg-start-error"), "Skal udfyldes.");
  // The first field in error gets the focus; the summary does not repeat the fields' messages.
  await page.waitForFunction(() => document.activeElement.id === "reg-age");
  assert.equal(await page.textContent("#json-error"), "Kan ikke gemmes endnu: ret fejlene i registreringen.");
  await page.screenshot({ path: path.join(shots, "registration-errors.png"), fullPage: true });
});

test("the default date of a measurement is the local date, not UTC's", async () => {
  // 23:30 UTC on 1 March is 00:30 on 2 March in Copenhagen.
  const ctx = await env.browser.newContext({ timezoneId: "Europe/Copenhagen", serviceWorkers: "block" });
  try {
    const p = await ctx.newPage();
    await p.clock.setFixedTime(new Date("2024-03-01T23:30:00Z"));
    await openAt(p, origin);
    assert.equal(await p.inputValue("#who5-date"), "2024-03-02");
  } finally {
    await ctx.close();
  }
});

test("Download JSON gives a record the core and the report accept, and Load JSON restores it", async () => {
  await open();
  await page.fill("#who5-date", "2024-03-01");
  for (const [i, v] of [3, 4, 2, 3, 4].entries()) await answer("who5", i + 1, v);
  await tab("ten");
  await page.fill("#ten-date", "2024-03-01");
  await page.selectOption("#ten-economy", "4");
  await tab("reg");
  await page.fill("#reg-id", "AAR-0042");
  await page.selectOption("#reg-gender", "woman");
  await page.fill("#reg-age", "34");
  await page.fill("#reg-start", "2024-03-01");
  await page.check("#int-counselling");
  assert.match(await page.textContent("#reg-age-band"), /31-35/);
  await page.screenshot({ path: path.join(shots, "registration.png"), fullPage: true });
  const file = await downloaded(page, "#download", mkdtempSync(path.join(tmpdir(), "overgang-")));
  const rec = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(rec.id, "AAR-0042");
  assert.deepEqual(rec.who5, [{ date: "2024-03-01", items: [3, 4, 2, 3, 4] }]);
  assert.deepEqual(rec.ten_step, [{ date: "2024-03-01", ratings: { economy: 4 } }]);
  // The same core (Node build) accepts it as a participant record and in a cohort report.
  recordFromJson(rec);
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
  assert.match(await page.textContent("#who5-history"), /2024-03-01.*Indeks 64/);
});

test("keyboard: arrows, Home and End move in the tab list, and focus is visible", async () => {
  await open();
  await page.focus("#tab-who5");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-gse");
  assert.equal(await page.isVisible("#panel-gse"), true);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
  await page.keyboard.press("End");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-report");
  assert.equal(await page.isVisible("#panel-report"), true);
  // Without an open caseload the report tab says so, and offers no download.
  await page.waitForFunction(() => document.getElementById("report-status").textContent !== "");
  assert.equal(await page.textContent("#report-status"), "Lås deltagerlisten op for at se rapporten.");
  assert.equal(await page.isVisible("#report-json"), false);
  await page.keyboard.press("Home");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-who5");
  assert.equal(await page.getAttribute("#tab-who5", "aria-selected"), "true");
});

test("no horizontal scrolling on any tab, at desktop and phone width", async () => {
  for (const width of [1000, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await open();
    for (const name of ["who5", "gse", "ten", "reg", "cases", "report"]) {
      await tab(name);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} at ${width}px: horizontal overflow of ${overflow}px`);
      // The tab list stays one row (it scrolls sideways on a phone), and the selected tab is in
      // view, clear of the fades at the row's edges (as wide as its padding).
      const layout = await page.evaluate(() => {
        const tabs = [...document.querySelectorAll('[role="tab"]')];
        const list = document.querySelector('[role="tablist"]');
        const nav = list.getBoundingClientRect(), style = getComputedStyle(list);
        const left = nav.left + parseFloat(style.paddingLeft), right = nav.right - parseFloat(style.paddingRight);
        const sel = document.querySelector('[role="tab"][aria-selected="true"]').getBoundingClientRect();
        return { rows: new Set(tabs.map((t) => Math.round(t.getBoundingClientRect().top))).size, inView: sel.left >= left - 1 && sel.right <= right + 1 };
      });
      assert.equal(layout.rows, 1, `${name} at ${width}px: the tab list wraps`);
      assert.ok(layout.inView, `${name} at ${width}px: the selected tab is out of view`);
    }
  }
  await tab("report");
  await page.screenshot({ path: path.join(shots, "tabs-report-phone.png") });
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
    await page.click("#tab-reg");
    assert.equal(await page.isVisible("#reg-form"), false);
    assert.match(await page.textContent("#reg-missing"), /Ikke tilgængelig/);
    assert.equal(await page.isDisabled("#download"), true);
  } finally {
    await page.unrouteAll();
  }
});

test("the page makes no request beyond its own origin", () => {
  assert.ok(requests.length > 0);
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"));
  assert.deepEqual(foreign, []);
});

test("the first load fetches only the small first module; the second comes when the registration is first used", async () => {
  const { context, page: fresh } = await newPage(env.browser);
  try {
    const seen = [];
    fresh.on("request", (r) => seen.push(new URL(r.url()).pathname));
    await openAt(fresh, origin);
    for (const [i, v] of [3, 4, 2, 3, 4].entries()) await fresh.check(`#who5-item${i + 1}-${v}`);
    await fresh.click("#tab-gse");
    await fresh.click("#tab-ten");
    assert.ok(seen.includes("/pkg-web/overgang_bg.wasm"));
    assert.deepEqual(seen.filter((p) => p.includes("pkg-web-report")), [], "not loaded for questionnaires");
    await fresh.click("#tab-reg");
    await fresh.fill("#reg-id", "AAR-0001");
    await fresh.press("#reg-id", "Tab");
    await fresh.waitForSelector("body[data-records=ready]");
    assert.ok(seen.includes("/pkg-web-report/overgang_bg.wasm"));
  } finally {
    await context.close();
  }
});
