// Shared set-up of the browser suites: Debian's chromium driven by playwright-core, the form
// served from 127.0.0.1 by www/serve.mjs. Screenshots go to target/screenshots/ (repository root).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../www/serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.join(here, "..", "..", "..");
export const shots = path.join(root, "target", "screenshots");
mkdirSync(shots, { recursive: true });
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Starts a server and a browser: `{server, origin, browser, close}`. */
export async function start() {
  const server = await serve(0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const close = async () => { await browser.close(); server.closeAllConnections?.(); server.close(); };
  return { server, origin, browser, close };
}

/** A new page at desktop width in Danish; dialogs (confirm) are accepted unless told otherwise. */
export async function newPage(browser, { serviceWorkers = "block", width = 1000, height = 900 } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, locale: "da-DK", viewport: { width, height }, serviceWorkers });
  const page = await context.newPage();
  page.on("dialog", (d) => d.accept());
  return { context, page };
}

/** Opens the form and waits until it is ready. */
export async function open(page, origin) {
  await page.goto(`${origin}/www/`);
  await page.waitForSelector("body[data-ready=true]");
}

/** Screenshots of the current view at desktop and phone width: `<name>.png` and `<name>-phone.png`. */
export async function shoot(page, name) {
  const size = page.viewportSize();
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  // Chromium's full-page capture after a resize leaves a sandboxed iframe (the report) blank: the
  // phone screenshot is taken with a viewport as tall as the page instead (vh units grow with it).
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 390, height });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: path.join(shots, `${name}-phone.png`) });
  await page.setViewportSize(size);
  return overflow;
}

/** Saves a download triggered by clicking `selector` and returns its path. */
export async function downloaded(page, selector, dir) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}
