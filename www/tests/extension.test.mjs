// Browser tests of the Manifest V3 extension (www/extension/, built into dist/extension/ by
// scripts/build-extension.mjs, which `before` runs). Debian's Chromium loads it unpacked; pages come
// from a small server on 127.0.0.1 that can add a strict CSP.
//   (1) a news page with navigation, an ad, a related box, comments and a footer: highlights only in
//       the article; the popup lists what the content script got from the engine; categories; export;
//       off for the site restores the DOM exactly
//   (2) a page served with `script-src 'self'` (no wasm in the page): still annotated
//   (3) a live page that adds a paragraph after load: the new paragraph is highlighted
//   (4) the package: minimal permissions, and the zip holds exactly the unpacked files
// and, over all of them, no console error or uncaught error in a page, the popup or the service
// worker, and no request to any other origin. Screenshots go to www/tests/artifacts/.
//
// The toolbar click is simulated with the DevTools protocol's Extensions.triggerAction (needs
// --enable-unsafe-extension-debugging): Chrome then grants activeTab for that tab, exactly as for a
// user's click, and opens the real popup. The assertions use popup.html?tab=<id> opened in a tab of
// its own, where Playwright can see it: the same code, pointed at the tab under test.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { chromium } from "playwright-core";
import { ARTIFACTS, CHROMIUM } from "./harness.mjs";
import { groupByCluster } from "../shared/export.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXTENSION = join(ROOT, "dist/extension");
const ZIP = join(ROOT, "dist/article-annotator-extension.zip");
const FIXTURES = fileURLToPath(new URL("./fixtures/extension/", import.meta.url));
const STRICT_CSP = "default-src 'self'; script-src 'self'; object-src 'none'";
const TIMEOUT = { timeout: 240_000 }; // two busy cores: the first annotation compiles the wasm
const WAIT = 120_000;
// Poll on a timer, not on animation frames: a page behind another tab may draw no frames.
const POLL = { timeout: WAIT, polling: 100 };

let context, server, origin, extensionId, worker, cdp;
const errors = [];
const requests = [];

/** Fixture files; a path under /strict/ is served with STRICT_CSP. */
function startServer() {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
  const srv = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/favicon.ico") return res.writeHead(204).end();
    const strict = path.startsWith("/strict/");
    const name = path.replace(/^\/(strict\/)?/, "");
    let body;
    try {
      if (!/^[\w-]+\.\w+$/.test(name)) throw new Error("not a fixture");
      body = readFileSync(join(FIXTURES, name));
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" });
      return res.end("not found");
    }
    res.writeHead(200, { "Content-Type": types[extname(name)] ?? "application/octet-stream", "Cache-Control": "no-store", ...(strict ? { "Content-Security-Policy": STRICT_CSP } : {}) });
    res.end(body);
  });
  return new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(srv)));
}

function watch(page, where) {
  page.on("console", (m) => m.type() === "error" && errors.push(`${where} console.error: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`${where} uncaught: ${e.message}`));
  page.on("dialog", (d) => {
    errors.push(`${where} dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
}

before(async () => {
  execFileSync(process.execPath, [join(ROOT, "scripts/build-extension.mjs")], { stdio: "inherit" });
  server = await startServer();
  origin = `http://127.0.0.1:${server.address().port}`;
  context = await chromium.launchPersistentContext("", {
    executablePath: CHROMIUM,
    ignoreDefaultArgs: ["--headless"],
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless=new", "--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--enable-unsafe-extension-debugging",
      `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`,
    ],
  });
  worker = context.serviceWorkers().find((w) => w.url().startsWith("chrome-extension://")) ?? (await context.waitForEvent("serviceworker", { timeout: WAIT }));
  extensionId = new URL(worker.url()).host;
  const watchWorker = (w) => w.on?.("console", (m) => m.type() === "error" && errors.push(`service worker console.error: ${m.text()}`));
  watchWorker(worker);
  context.on("serviceworker", watchWorker); // test (3) stops the worker: Chrome starts a new one
  context.on("weberror", (e) => errors.push(`uncaught: ${e.error().message}`));
  context.on("request", (r) => requests.push(r.url()));
  cdp = await context.browser().newBrowserCDPSession();
}, TIMEOUT);

after(async () => {
  await context?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
});

/** Opens a fixture page, watched for errors. */
async function openFixture(path) {
  const page = await context.newPage();
  watch(page, path);
  const response = await page.goto(`${origin}${path}`);
  return { page, response };
}

/** The user's click on the toolbar button (grants activeTab); returns the tab's id. */
async function clickToolbarButton(page) {
  const url = page.url();
  const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{}] }); // [{}]: tab targets too
  const tab = targetInfos.find((t) => t.type === "tab" && t.url === url);
  assert.ok(tab, `a tab target for ${url}: ${JSON.stringify(targetInfos.map((t) => [t.type, t.url]))}`);
  await cdp.send("Extensions.triggerAction", { id: extensionId, targetId: tab.targetId });
  // Only a tab the extension was granted shows its URL to it: finding it proves the grant.
  const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url);
  assert.ok(Number.isInteger(tabId), "activeTab was granted for the page");
  return tabId;
}

/** popup.html pointed at `tabId`, once it has finished. */
async function openPopup(tabId) {
  const popup = await context.newPage();
  watch(popup, "popup");
  await popup.setViewportSize({ width: 420, height: 760 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await settled(popup);
  return popup;
}

const settled = (popup) =>
  popup.waitForFunction(() => ["done", "off", "error", "unavailable"].includes(document.documentElement.dataset.state), null, POLL);

/** Waits for the popup to settle and checks it settled in `expected` (its status line says why not). */
async function assertState(popup, expected) {
  await settled(popup);
  assert.equal(await popup.evaluate(() => document.documentElement.dataset.state), expected, await popup.locator("#status").textContent());
}

/** Every mark on the page: what it holds and where it sits. */
const marksOnPage = (page, noise) =>
  page.evaluate((noise) => [...document.querySelectorAll("aa-mark")].map((m) => ({
    kind: m.dataset.kind, label: m.dataset.label ?? null, entity: m.dataset.entity ?? null, claim: m.dataset.claim ?? null,
    text: m.textContent, noise: Boolean(m.closest(noise)),
  })), noise);

/** The text of each entity (and claim) index as drawn: its marks' text joined. */
function drawn(marks, key) {
  const out = new Map();
  for (const m of marks) if (m[key] !== null) out.set(Number(m[key]), (out.get(Number(m[key])) ?? "") + (key === "claim" ? "" : m.text));
  return out;
}

/** The DOM as it was: markup and the number of text nodes (clear() must join what it split). */
const domState = (page, selector) =>
  page.evaluate((selector) => {
    const root = document.querySelector(selector);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let textNodes = 0;
    while (walker.nextNode()) textNodes += 1;
    const box = root.getBoundingClientRect();
    return { html: root.innerHTML, textNodes, width: box.width, links: [...root.querySelectorAll("a")].map((a) => [a.href, a.textContent]) };
  }, selector);

const snapshotOf = (popup) => popup.evaluate(() => window.aaPopup.snapshot);
const spansOf = (r) => ({
  entities: r.entities.map(({ start, end, label, text, cluster }) => ({ start, end, label, text, cluster })),
  claims: r.claims.map(({ start, end, text, speaker }) => ({ start, end, text, speaker: speaker?.text ?? null })),
});

/** The popup shows exactly the result: lists per label with counts, claims with speakers. */
async function assertSummary(popup, result) {
  for (const label of ["PER", "ORG", "LOC"]) {
    const shown = await popup.$$eval(`section[data-label=${label}] li:not(.empty)`, (lis) => lis.map((li) => li.textContent));
    const expected = groupByCluster(result).filter((g) => g.label === label).map((g) => `${g.name} ×${g.count}`);
    assert.deepEqual(shown, expected, `popup list ${label}`);
  }
  const claims = await popup.$$eval("section[data-label=CLAIM] li:not(.empty)", (lis) => lis.map((li) => ({ text: li.querySelector("q").textContent, speaker: li.querySelector(".speaker").textContent })));
  assert.deepEqual(claims, result.claims.map((c) => ({ text: c.text, speaker: c.speaker ? `— ${c.speaker.text}` : "no speaker named" })), "popup lists exactly the engine's claims, each with its speaker");
  // The fixture has three policy claims; the shipped claim model must find at least one.
  assert.ok(result.claims.length >= 1, "claims found");
}

/** Every entity and claim of the result is drawn, over exactly its text. */
function assertDrawn(marks, result) {
  const entities = drawn(marks, "entity");
  result.entities.forEach((e, i) => assert.equal(entities.get(i), e.text, `entity ${i} (${e.text}) is highlighted`));
  const claims = drawn(marks, "claim");
  result.claims.forEach((c, i) => assert.ok(claims.has(i), `claim ${i} is highlighted`));
  assert.equal(entities.size, result.entities.length, "no stray entity marks");
}

const NEWS_NOISE = "nav, aside, footer, .ad, #comments, .masthead, .sidebar";

test("(1) news page: highlights only in the article, popup summary = engine result, categories, export, clean removal", TIMEOUT, async () => {
  const { page } = await openFixture("/news.html?run=1");
  const original = await domState(page, "body");
  const article = await domState(page, "main > article");

  const tabId = await clickToolbarButton(page);
  // The real popup, opened by the click, annotates the active tab by itself.
  await page.waitForSelector("main > article aa-mark", { timeout: WAIT });
  const popup = await openPopup(tabId);
  await assertState(popup, "done");
  const snapshot = await snapshotOf(popup);
  const { result, text } = snapshot;
  assert.equal(snapshot.source, page.url());

  // The article's text, without the furniture around and inside it.
  assert.match(text, /Prime Minister Jane Doe called for a ban on new housing/);
  assert.match(text, /Met Office expects more heavy rain/);
  for (const noise of ["Skyline Airways", "Peter Walsh", "Greenfield Council", "Most read", "Harbour Courier", "Storm Henrietta", "Michael Grant"]) {
    assert.ok(!text.includes(noise), `${noise} is not article text`);
  }
  // The popup's result is the engine's answer for that text (asked again, directly).
  const direct = await popup.evaluate((t) => chrome.runtime.sendMessage({ type: "aa:annotate-text", text: t }), text);
  assert.ok(direct.ok, JSON.stringify(direct.error));
  assert.deepEqual(spansOf(result), spansOf(direct.result), "the content script got the engine's result");
  for (const label of ["PER", "ORG", "LOC"]) assert.ok(result.entities.some((e) => e.label === label), `some ${label} found`);
  await assertSummary(popup, result);
  // The service worker's engine runs `auto` as the page does: the result says how it chose.
  assert.ok(["pending", "calibrating", "settled"].includes(result.auto?.state), `auto's state in ${JSON.stringify(result.auto)}`);
  assert.equal(await popup.locator("#engine").getAttribute("data-auto"), result.auto.state, "the popup shows that state");
  assert.match(await popup.locator("#engine").getAttribute("title"), /^CPU \(wasm\)|^WebGPU/);
  // The direct request came after the first result: by then the backend is being settled or settled.
  assert.notEqual(direct.result.auto.state, "pending");

  // Highlights: every entity drawn, and nothing outside the article.
  await page.bringToFront();
  const marks = await marksOnPage(page, NEWS_NOISE);
  assert.ok(marks.length >= result.entities.length);
  assert.deepEqual(marks.filter((m) => m.noise), [], "no marks in navigation, ads, asides, comments or footers");
  assertDrawn(marks, result);
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('aa-mark[data-label="PER"]')).backgroundColor);
  assert.notEqual(styled, "rgba(0, 0, 0, 0)", "marks are styled");
  // Layout and links as they were.
  const during = await domState(page, "main > article");
  assert.equal(during.width, article.width);
  assert.deepEqual(during.links, article.links, "links keep their targets and text");
  await page.screenshot({ path: join(ARTIFACTS, "extension-news.png"), fullPage: true });
  await popup.screenshot({ path: join(ARTIFACTS, "extension-popup.png"), fullPage: true });

  // Categories: hiding people hides their marks, remembered in storage.
  await popup.locator('#categories input[value="PER"]').uncheck();
  await page.waitForFunction(() => document.querySelector("[data-aa-hidden~=PER]") !== null, null, POLL);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('aa-mark[data-label="PER"]')).backgroundColor), "rgba(0, 0, 0, 0)");
  assert.deepEqual((await popup.evaluate(() => chrome.storage.local.get("hidden"))).hidden, ["PER"]);
  await popup.locator('#categories input[value="PER"]').check();
  await page.waitForFunction(() => document.querySelector("[data-aa-hidden]") === null, null, POLL);

  // A name in the summary shows its mention on the page.
  await popup.locator("section[data-label=PER] li button").first().click();
  await page.waitForFunction(() => document.querySelector("aa-mark.aa-current[data-label=PER]") !== null, null, POLL);

  // Export: W3C Web Annotation JSON-LD of this result, targeting the page.
  const [download] = await Promise.all([popup.waitForEvent("download", { timeout: WAIT }), popup.locator("#export").click()]);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(exported.type, "AnnotationCollection");
  assert.equal(exported.total, result.entities.length + result.claims.length);
  exported.first.items.forEach((item, i) => {
    assert.equal(item.target.source, page.url());
    const span = i < result.entities.length ? result.entities[i] : result.claims[i - result.entities.length];
    assert.equal(item.target.selector.find((s) => s.type === "TextQuoteSelector").exact, span.text);
  });

  // Off for this site: the page is exactly as it was, and stays so when the popup opens again.
  await popup.locator("#site-on").uncheck();
  await assertState(popup, "off");
  assert.deepEqual(await domState(page, "body"), original, "removal restores the DOM exactly (markup, text nodes, links)");
  assert.equal(await popup.evaluate((o) => chrome.storage.local.get(`site:${o}`).then((s) => s[`site:${o}`]), origin), false);
  await popup.reload();
  await assertState(popup, "off");
  assert.equal(await page.locator("aa-mark").count(), 0);

  // On again: the same highlights come back.
  await popup.locator("#site-on").check();
  await assertState(popup, "done");
  assert.deepEqual(spansOf((await snapshotOf(popup)).result), spansOf(result));
  assert.equal(await page.locator("aa-mark").count(), marks.length);
  await popup.close();
  await page.close();
});

test("(2) a page with Content-Security-Policy script-src 'self' is still annotated (the engine runs in the service worker)", TIMEOUT, async () => {
  const { page, response } = await openFixture("/strict/news.html?run=2");
  assert.equal(response.headers()["content-security-policy"], STRICT_CSP);
  // The page's CSP forbids wasm in the page (and so in a content script): the engine could not run here.
  const compiled = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled", (e) => e.name));
  assert.equal(compiled, "CompileError");
  const tabId = await clickToolbarButton(page);
  const popup = await openPopup(tabId);
  await assertState(popup, "done");
  const { result } = await snapshotOf(popup);
  assert.ok(result.entities.length > 0, "entities found");
  const marks = await marksOnPage(page, NEWS_NOISE);
  assert.deepEqual(marks.filter((m) => m.noise), []);
  assertDrawn(marks, result);
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector("aa-mark[data-kind=entity]")).backgroundColor);
  assert.notEqual(styled, "rgba(0, 0, 0, 0)", "the constructed stylesheet applies under the page's CSP");
  await assertSummary(popup, result);
  await popup.close();
  await page.close();
});

test("(3) a page that adds a paragraph after load, once Chrome has stopped the idle worker: the new paragraph is highlighted and the popup follows", TIMEOUT, async () => {
  const { page } = await openFixture("/live.html?run=3");
  const tabId = await clickToolbarButton(page);
  const popup = await openPopup(tabId);
  await assertState(popup, "done");
  const first = (await snapshotOf(popup)).result;
  assert.ok(first.entities.length > 0);

  // Chrome stops an idle extension worker (after 30 s): the page's next change must start it again.
  const session = await context.newCDPSession(popup);
  await session.send("ServiceWorker.enable");
  await session.send("ServiceWorker.stopAllWorkers");
  await session.detach();

  await page.bringToFront();
  await page.locator("#more").click();
  // On a timeout, say what the content script reported (its error, or the text it last annotated).
  const why = async (e) => {
    const now = await popup.evaluate(() => window.aaPopup.snapshot).catch(() => null);
    return new Error(`${e.message}; the popup's last snapshot: ${JSON.stringify({ error: now?.error, text: now?.text?.slice(-160) })}`);
  };
  await page.waitForFunction(() => document.querySelector("#live p.update aa-mark") !== null, null, POLL).catch(async (e) => {
    throw await why(e);
  });
  await popup.waitForFunction(() => window.aaPopup.snapshot?.text.includes("Mayor Sofia Lindqvist"), null, POLL);
  const { result, text } = await snapshotOf(popup);
  assert.ok(result.entities.length > first.entities.length, "more entities once the article grew");
  assert.ok(result.entities.some((e) => e.start >= text.indexOf("Mayor Sofia")), "entities in the new paragraph");
  const marks = await marksOnPage(page, "header, button");
  assert.deepEqual(marks.filter((m) => m.noise), []);
  assertDrawn(marks, result);
  await assertSummary(popup, result);
  await popup.close();
  await page.close();
});

test("(4) the package: minimal permissions, the CSP, and a zip holding exactly the unpacked files", () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION, "manifest.json"), "utf8"));
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual([...manifest.permissions].sort(), ["activeTab", "scripting", "storage"]);
  for (const key of ["host_permissions", "optional_host_permissions", "content_scripts", "web_accessible_resources", "externally_connectable"]) {
    assert.equal(manifest[key], undefined, `no ${key}`);
  }
  assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  assert.deepEqual(manifest.background, { service_worker: "background.js", type: "module" });

  // Read the zip back (central directory, then each entry) and compare with the folder.
  const zip = readFileSync(ZIP);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50);
    const [method, size, nameLength, extra, comment, offset] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42)];
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const dataAt = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const body = zip.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? inflateRawSync(body) : Buffer.from(body));
    at += 46 + nameLength + extra + comment;
  }
  const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  const files = walk(EXTENSION).map((f) => relative(EXTENSION, f).split("\\").join("/")).sort();
  assert.deepEqual([...entries.keys()].sort(), files);
  for (const f of files) assert.ok(entries.get(f).equals(readFileSync(join(EXTENSION, f))), `${f} in the zip`);
  assert.ok(files.includes("pkg/article_annotator_bg.wasm") && files.includes("content/highlight.js"));
});

test("no console errors, uncaught errors or dialogs; no request left 127.0.0.1 or the extension", () => {
  assert.deepEqual(errors, []);
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith(`chrome-extension://${extensionId}/`) && !u.startsWith("blob:chrome-extension://"));
  assert.deepEqual(foreign, []);
});
