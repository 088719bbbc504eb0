#!/usr/bin/env node
// A small static server for www/ on 127.0.0.1 (`npm start` runs it after the build).
//
//   node scripts/serve.mjs [--port N] [--no-csp]      (PORT in the environment works too)
//
// - Correct MIME types (application/wasm for the engine, text/javascript for modules).
// - gzip when the browser accepts it (what a real host would send; see `npm run size`).
// - A Content-Security-Policy that allows only this origin (and 'wasm-unsafe-eval'): the page makes
//   no request elsewhere and could not run an injected inline script even if one slipped through.
//   `--no-csp` turns it off (the browser tests check the page's own escaping without it as well).
// - /samples/seed.json is ../shared/data/articles/seed.json when that file exists beside the
//   checkout: the seed article is read in place, never copied into the repository.
//   /samples/index.json lists the samples present (the page shows the seed button from it).
// - `/` redirects to the page, `/page/`.

import { createServer } from "node:http";
import { stat, readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const WWW = resolve(HERE, "../www");
export const SEED = resolve(HERE, "../../shared/data/articles/seed.json");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".jsonld": "application/ld+json; charset=utf-8",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".txt", ".svg", ".ts", ".md", ".webmanifest"]);
const gzCache = new Map(); // path -> { mtimeMs, body }

async function resolvePath(pathname) {
  if (pathname === "/samples/seed.json") return SEED;
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, "");
  const full = resolve(WWW, rel);
  if (full !== WWW && !full.startsWith(WWW + sep)) return null;
  const st = await stat(full).catch(() => null);
  if (st?.isDirectory()) return join(full, "index.html");
  return full;
}

/** Creates (does not start) the server. Options: `{ csp: true, log: false }`. */
export function createStaticServer({ csp = true, log = false } = {}) {
  return createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
      if (log) console.log(`${status} ${req.method} ${req.url}`);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n", { Allow: "GET, HEAD" });
      const url = new URL(req.url, "http://127.0.0.1");
      if (url.pathname === "/") return send(302, "", { Location: "/page/" });
      if (/^\/[^/]+$/.test(url.pathname) && ["/page", "/shared", "/tests"].includes(url.pathname)) {
        return send(301, "", { Location: `${url.pathname}/` });
      }
      if (url.pathname === "/samples/index.json") {
        const seed = await stat(SEED).then((st) => st.isFile(), () => false);
        const samples = seed ? [{ id: "seed", title: "Seed article", url: "seed.json" }] : [];
        return send(200, JSON.stringify({ samples }), { "Content-Type": TYPES[".json"], "Cache-Control": "no-cache" });
      }
      const path = await resolvePath(url.pathname);
      const st = path && (await stat(path).catch(() => null));
      if (!st?.isFile()) return send(404, "not found\n");
      const ext = extname(path);
      const headers = {
        "Content-Type": TYPES[ext] ?? "application/octet-stream",
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Last-Modified": st.mtime.toUTCString(),
      };
      if (csp) headers["Content-Security-Policy"] = CSP;
      if (req.headers["if-modified-since"] && Math.floor(st.mtimeMs / 1000) <= Date.parse(req.headers["if-modified-since"]) / 1000) {
        return send(304, undefined, headers);
      }
      let body;
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        let cached = gzCache.get(path);
        if (!cached || cached.mtimeMs !== st.mtimeMs) {
          cached = { mtimeMs: st.mtimeMs, body: gzipSync(await readFile(path), { level: 9 }) };
          gzCache.set(path, cached);
        }
        body = cached.body;
        headers["Content-Encoding"] = "gzip";
        headers["Vary"] = "Accept-Encoding";
      } else {
        body = await readFile(path);
      }
      headers["Content-Length"] = body.length;
      return send(200, body, headers);
    } catch (e) {
      return send(400, `bad request: ${e.message}\n`);
    }
  });
}

/** Starts the server on 127.0.0.1; resolves to `{ server, url }`. Port 0 picks a free one. */
export function listen(server, port) {
  return new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolveListen({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portArg = args.indexOf("--port");
  const wanted = Number(portArg >= 0 ? args[portArg + 1] : process.env.PORT ?? 8080);
  const server = createStaticServer({ csp: !args.includes("--no-csp"), log: args.includes("--log") });
  let started;
  try {
    started = await listen(server, wanted);
  } catch (e) {
    if (e.code !== "EADDRINUSE") throw e;
    console.error(`port ${wanted} is busy; using a free one`);
    started = await listen(server, 0);
  }
  const seed = await stat(SEED).then(() => "seed article served from ../shared", () => "no ../shared seed article: the page offers its built-in sample");
  console.log(`article-annotator: serving www/ at ${started.url}page/  (${seed}; Ctrl+C stops)`);
}
