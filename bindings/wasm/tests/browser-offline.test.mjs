// Offline for real: the form loads once with a network, its service worker caches the page,
// scripts and wasm; then the network goes away (context.setOffline and the server stopped), the
// page reloads and a WHO-5 and a registration are completed. Also: the web app manifest.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, newPage, open, shoot } from "./browser-helpers.mjs";

const PASS = "offline er ogsaa en mulighed";
let env, context, page;

before(async () => {
  env = await start();
  ({ context, page } = await newPage(env.browser, { serviceWorkers: "allow" }));
  // Key derivation (PBKDF2, 600 000 rounds) is slow on purpose; on a busy 2-core CI machine a
  // save can take longer than the default 30 s.
  page.setDefaultTimeout(120_000);
});

after(async () => {
  await env?.close();
});

test("the server no longer forbids caching", async () => {
  const res = await fetch(`${env.origin}/www/app.js`);
  assert.doesNotMatch(res.headers.get("cache-control") ?? "", /no-store/);
});

test("a web app manifest makes it installable", async () => {
  await open(page, env.origin);
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]').href;
    return (await fetch(href)).json();
  });
  assert.ok(manifest.name && manifest.short_name);
  assert.equal(manifest.display, "standalone");
  assert.ok(manifest.start_url);
  assert.ok(manifest.icons.length > 0);
  const icon = await page.evaluate(async (src) => (await fetch(new URL(src, document.baseURI))).status, manifest.icons[0].src);
  assert.equal(icon, 200);
});

test("loaded once, the form works offline after a reload: a WHO-5, a registration, the caseload and the report", async () => {
  const pageRequests = [];
  page.on("request", (r) => pageRequests.push(new URL(r.url()).pathname));
  await open(page, env.origin);
  // The service worker is active once its install step has cached the application: the page,
  // the first wasm module and the second one (records and report), which the page has not asked for.
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const cache = await caches.open((await caches.keys()).find((k) => k.startsWith("overgang-form-")));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  for (const p of ["/www/", "/www/app.js", "/www/style.css", "/pkg-web/overgang.js", "/pkg-web/overgang_bg.wasm", "/pkg-web-report/overgang.js", "/pkg-web-report/overgang_bg.wasm"]) {
    assert.ok(cached.includes(p), `${p} not cached: ${cached}`);
  }
  assert.ok(pageRequests.includes("/pkg-web/overgang_bg.wasm"));
  assert.deepEqual(pageRequests.filter((p) => p.includes("pkg-web-report")), [], "the page itself does not load the second module on first load");
  // A page opened while the worker was still installing may stay uncontrolled until its next
  // load (clients.claim() races with the navigation on a busy machine): load it again, online.
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await open(page, env.origin);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // Offline from here on: the network is cut and the server stopped.
  await context.setOffline(true);
  env.server.closeAllConnections();
  await new Promise((resolve) => env.server.close(resolve));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  // Really offline: a file that is not cached cannot be had.
  assert.equal(await page.evaluate(() => fetch("/www/not-cached.txt").then(() => "fetched", () => "failed")), "failed");

  for (const [i, v] of [4, 4, 3, 4, 5].entries()) await page.check(`#who5-item${i + 1}-${v}`);
  assert.equal(await page.textContent("#who5-index"), "80");
  await page.click("#tab-reg");
  await page.fill("#reg-id", "OFF-0001");
  await page.selectOption("#reg-gender", "man");
  await page.fill("#reg-age", "41");
  await page.fill("#reg-start", "2024-05-01");
  await page.check("#int-counselling");
  await page.press("#reg-start", "Tab");
  // The whole record is validated by the second module, which comes from the cache.
  await page.waitForFunction(() => document.getElementById("reg-result").textContent !== "");
  assert.equal(await page.textContent("#reg-result"), "Registreringen er gyldig.");
  assert.match(await page.textContent("#reg-age-band"), /36-45/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  assert.equal(download.suggestedFilename(), "OFF-0001.json");
  const overflow = await shoot(page, "offline-registration");
  assert.ok(overflow <= 0);

  // The caseload is made offline, the participant saved, and the report tab, never opened
  // online, computes the report.
  await page.click("#tab-cases");
  await page.waitForSelector("#vault-none:not([hidden])");
  await page.fill("#pass-new", PASS);
  await page.fill("#pass-repeat", PASS);
  await page.click("#create");
  await page.waitForSelector("#vault-open:not([hidden])");
  await page.click("#save-device");
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("OFF-0001"));
  await page.click("#tab-report");
  await page.waitForSelector("body[data-report=ready]");
  assert.match(await page.getAttribute("#report-frame", "srcdoc"), /Deltagere: 1\./);
  assert.ok((await shoot(page, "offline-report")) <= 0);
});
