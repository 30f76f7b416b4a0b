// A tiny static server for the form: serves bindings/wasm/ on 127.0.0.1 only (the page is at
// /www/ and imports ../pkg-web/, and ../pkg-web-report/ for its report tab). No dependencies. Usage: node serve.mjs [port]
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json", ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml", ".ts": "text/plain" };

export function serve(port = 0) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + path.sep)) { res.writeHead(403).end(); return; }
    if (url.pathname === "/" || url.pathname === "/www") { res.writeHead(302, { location: "/www/" }).end(); return; }
    if (file.endsWith(path.sep)) file = path.join(file, "index.html");
    try {
      const body = await readFile(file);
      // Caching is allowed (the service worker keeps the page for offline use); "no-cache" makes
      // the browser check for a newer file whenever it is online.
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-cache" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const server = await serve(port);
  console.log(`overgang form: http://127.0.0.1:${server.address().port}/www/  (Ctrl-C to stop)`);
}
