// The service worker that makes the form work without a network. On install it caches the page,
// its scripts, styles, manifest, icon and both wasm modules: the small first one the page loads,
// and the second one (whole records and the report), which the page imports only when first
// needed but which must work offline even if it was never used online. The install runs after
// the page has loaded, so the first load stays small. Requests go to the network first (so an
// update is seen as soon as there is a network) and fall back to the cache when offline.
// It caches only the application, never a participant's data (that lives in IndexedDB, encrypted).
const CACHE = "overgang-form-v2";
const APP = [
  "./", "index.html", "app.js", "record.js", "store.js", "i18n.js", "style.css", "manifest.webmanifest", "icon.svg",
  "../pkg-web/overgang.js", "../pkg-web/overgang_bg.wasm",
  "../pkg-web-report/overgang.js", "../pkg-web-report/overgang_bg.wasm",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(APP)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("overgang-form-") && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req);
      if (res.ok) await cache.put(req, res.clone());
      return res;
    } catch (err) {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      throw err;
    }
  })());
});
