// Shared set-up of the browser tests: the static server, Debian's Chromium through playwright-core
// (flags from ../shared/TOOLCHAIN.md; never a downloaded browser), and a watch on every page for
// console errors, uncaught errors, dialogs and requests, workers and service workers included.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createStaticServer, listen } from "../../scripts/serve.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

const BASE_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

/** Chromium with WebGPU (SwiftShader) or without it (requestAdapter() gives null). */
export function launch({ webgpu }) {
  return chromium.launch({
    executablePath: CHROMIUM,
    ignoreDefaultArgs: ["--headless"],
    args: webgpu ? [...BASE_ARGS, "--enable-unsafe-webgpu"] : BASE_ARGS,
  });
}

/** Starts a server on a free port: `{ url, close }`. */
export async function serve({ csp = true } = {}) {
  const { server, url } = await listen(createStaticServer({ csp }), 0);
  const close = () =>
    new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    });
  return { url, origin: new URL(url).origin, close };
}

/** Everything every page did, across the run: test (c) and (f) read it. */
export const record = { requests: [], errors: [], dialogs: [] };

/**
 * A fresh context and page with every event recorded. `errors` and `requests` are this page's own.
 * Service workers are blocked unless `serviceWorkers: true` (only the offline test needs one).
 * Errors matching `tolerate` are expected (the offline test's failed fetches) and not recorded.
 */
export async function openPage(browser, { serviceWorkers = false, tolerate = null } = {}) {
  const context = await browser.newContext({ serviceWorkers: serviceWorkers ? "allow" : "block", acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const mine = { requests: [], errors: [], dialogs: [] };
  const note = (kind, item) => {
    if (kind === "errors" && tolerate?.test(item)) return;
    mine[kind].push(item);
    record[kind].push(item);
  };
  const onConsole = (where) => (msg) => {
    if (msg.type() === "error") note("errors", `${where} console.error: ${msg.text()}`);
  };
  context.on("request", (r) => note("requests", r.url()));
  page.on("request", (r) => note("requests", r.url()));
  page.on("console", onConsole("page"));
  page.on("pageerror", (e) => note("errors", `page uncaught: ${e.message}`));
  page.on("worker", (w) => w.on("console", onConsole(`worker ${w.url()}`)));
  context.on("serviceworker", (w) => w.on?.("console", onConsole(`service worker ${w.url()}`)));
  context.on("weberror", (e) => note("errors", `uncaught: ${e.error().message}`));
  page.on("dialog", (d) => {
    note("dialogs", `${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { context, page, ...mine };
}

/** Waits until the page has finished annotating (or failed); returns the state. */
export async function settled(page, timeout = 90_000) {
  await page.waitForFunction(() => ["done", "error"].includes(document.documentElement.dataset.state), null, { timeout });
  return page.evaluate(() => document.documentElement.dataset.state);
}

/** The page's result and engine info (window.annotatorPage). */
export function pageState(page) {
  return page.evaluate(() => {
    const s = window.annotatorPage;
    return { info: s.info, result: s.result, text: s.text, timings: s.timings, error: document.getElementById("error").textContent };
  });
}

/** The spans that decide equality of two runs. */
export const spans = (result) => result.entities.map(({ start, end, label, text, cluster }) => ({ start, end, label, text, cluster }));
