// Browser tests of the embeddable widget (www/widget/, built into dist/widget/ by `npm run build:widget`),
// in Debian's Chromium without WebGPU (the CPU path; the page tests cover WebGPU):
//   (1) the demo annotates its article: marks inside the article only, the panel lists what was found
//   (2) the host page's computed styles are the same before and after annotation, outside the marks
//   (3) a strict CSP (default-src 'self'; script-src 'self' 'wasm-unsafe-eval'): no violation, no error
//   (4) two widgets on one page: one Worker, one wasm download
//   (5) lazy: nothing of the engine loads before the article nears the viewport or the widget is clicked
//   (6) host CSS that tries to break the panel changes none of its computed styles
// and: errors show in the panel; the demo also runs from www/ (npm start's server).
// Screenshots go to www/tests/artifacts/widget-*.png.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ARTIFACTS, launch, openPage, serve } from "./harness.mjs";
import { startServer } from "./fixtures/widget/server.mjs";
import { groupByCluster } from "../shared/export.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const SLOW = { timeout: 240_000 }; // 2 cores shared with builds: compiling the wasm can take a while
const WAIT = 180_000;

let browser, plain, strict;

before(async () => {
  execFileSync(process.execPath, [join(ROOT, "scripts/build-widget.mjs")], { cwd: ROOT, stdio: "inherit" });
  [plain, strict] = await Promise.all([startServer(), startServer({ csp: STRICT_CSP })]);
  browser = await launch({ webgpu: false });
}, SLOW);

after(async () => {
  await browser?.close();
  await Promise.all([plain?.close(), strict?.close()]);
});

/** Closes a page, failing on any console error, uncaught error or dialog it produced. */
async function done(handles) {
  await handles.context.close();
  assert.deepEqual(handles.errors, [], "console errors or uncaught errors");
  assert.deepEqual(handles.dialogs, [], "dialogs");
}

/** Waits until every widget of the page has finished (done or error). */
async function settled(page) {
  await page.waitForFunction(() => {
    const widgets = [...document.querySelectorAll("article-annotator")];
    return widgets.length > 0 && widgets.every((w) => ["done", "error"].includes(w.dataset.state));
  }, null, { timeout: WAIT });
}

/** What each widget shows: state, badge, error, legend, lists (as drawn in its shadow root), and its result. */
function panels(page) {
  return page.$$eval("article-annotator", (widgets) => widgets.map((w) => {
    const $ = (s) => w.shadowRoot.querySelector(s);
    const lists = {};
    for (const section of w.shadowRoot.querySelectorAll("section[data-list]")) {
      const label = section.dataset.list;
      lists[label] = section.hidden ? null : [...section.querySelectorAll("li:not(.empty)")].map((li) => (label === "CLAIM"
        ? { text: li.querySelector(".quote").textContent, speaker: li.querySelector(".speaker").textContent }
        : { name: li.querySelector(".name").textContent, count: li.querySelector(".n").textContent }));
    }
    return {
      state: w.dataset.state,
      badge: $(".badge").textContent,
      backend: $(".badge").dataset.backend,
      badgeTitle: $(".badge").title,
      auto: $(".badge").dataset.auto,
      error: $(".error").hidden ? null : $(".error").textContent,
      legend: [...w.shadowRoot.querySelectorAll(".legend input")].map((i) => i.dataset.label),
      lists,
      result: w.result,
      target: w.target?.id ?? null,
    };
  }));
}

/** The lists a panel should show for `result`, limited to `labels` (same order as the panel's). */
function expectedLists(result, labels = ["PER", "ORG", "LOC"]) {
  const groups = groupByCluster(result);
  const out = {};
  for (const label of labels) {
    out[label] = groups
      .filter((g) => g.label === label)
      .sort((a, b) => b.count - a.count || a.mentions[0] - b.mentions[0])
      .map((g) => ({ name: g.name, count: `×${g.count}` }));
  }
  out.CLAIM = result.claims.map((c) => ({ text: c.text.length > 160 ? `${c.text.slice(0, 157)}…` : c.text, speaker: c.speaker ? `— ${c.speaker.text}` : "— no speaker named" }));
  return out;
}

/** Marks of the page: how many lie outside `inside`, and each entity mark's text with its entity index. */
function marks(page, inside) {
  return page.evaluate((sel) => {
    const all = [...document.querySelectorAll("aa-mark")];
    const entity = {};
    for (const m of document.querySelectorAll(`${sel} aa-mark[data-kind="entity"]`)) {
      entity[m.dataset.entity] = (entity[m.dataset.entity] ?? "") + m.textContent;
    }
    return {
      total: all.length,
      outside: all.filter((m) => !m.closest(sel)).length,
      labels: [...new Set(all.map((m) => m.dataset.label).filter(Boolean))].sort(),
      entity,
    };
  }, inside);
}

test("(1) the demo annotates its article: marks on people, organisations and places in the article only; the panel lists them", SLOW, async () => {
  const handles = await openPage(browser);
  const { page } = handles;
  await page.goto(`${plain.url}widget/demo/`);
  await settled(page);
  const [w] = await panels(page);
  assert.equal(w.state, "done", w.error);
  const { result } = w;
  assert.equal(w.target, "story");

  // The engine's spans are the article's text, and the marks hold exactly them, inside the article only.
  const text = await page.evaluate(async () => (await import("/widget/shared/highlight.js")).textOf(document.getElementById("story")));
  assert.equal(result.length, text.length);
  for (const e of result.entities) assert.equal(text.slice(e.start, e.end), e.text);
  const found = await marks(page, "#story");
  assert.equal(found.outside, 0, "no mark outside the article");
  assert.deepEqual(found.labels, ["LOC", "ORG", "PER"], "people, organisations and places are marked");
  result.entities.forEach((e, i) => assert.equal(found.entity[i], e.text, `the mark of entity ${i} holds its text`));
  const names = result.entities.map((e) => `${e.label}:${e.text}`);
  for (const name of ["PER:Jane Doe", "LOC:London"]) assert.ok(names.includes(name), `${name} in ${names}`);

  // The panel: legend, lists grouped by cluster with counts, claims with speakers, the backend badge.
  assert.deepEqual(w.legend, ["PER", "ORG", "LOC", "CLAIM"]);
  const expected = expectedLists(result);
  for (const label of ["PER", "ORG", "LOC"]) assert.deepEqual(w.lists[label], expected[label], `${label} list`);
  assert.equal(w.lists.MISC, null, "no MISC section without MISC entities");
  assert.deepEqual(w.lists.CLAIM, expected.CLAIM, "the claims list is the engine's claims with speakers");
  // The demo has three policy claims; the shipped claim model must find at least one.
  assert.ok(result.claims.length >= 1, "the demo's claims are found");
  assert.equal(w.backend, result.backend, "the badge shows the backend that computed the result");
  assert.equal(w.badge, result.backend === "webgpu" ? "WebGPU" : "CPU");
  assert.match(w.badgeTitle, new RegExp(`Model: ${result.model}`));
  // auto (the default) settles its backend after the first result; the badge follows it (no WebGPU here).
  await page.waitForFunction(() => document.querySelector("article-annotator").shadowRoot.querySelector(".badge").dataset.auto === "settled", null, { timeout: WAIT });
  const [later] = await panels(page);
  assert.match(later.badgeTitle, /CPU \(wasm\), no WebGPU/);

  await page.screenshot({ path: join(ARTIFACTS, "widget-demo.png"), fullPage: true });

  // Click to jump: the first person's first mention is focused and outlined.
  await page.locator('article-annotator li[data-label="PER"] button').first().click();
  const focused = await page.evaluate(() => ({ tag: document.activeElement.tagName, label: document.activeElement.dataset.label, current: document.activeElement.classList.contains("aa-current") }));
  assert.deepEqual(focused, { tag: "AA-MARK", label: "PER", current: true });
  // A toggle hides that category's highlights, and only those.
  await page.locator('article-annotator .legend input[data-label="PER"]').uncheck();
  assert.equal(await page.getAttribute("#story", "data-aa-hidden"), "PER");
  const bg = (label) => page.locator(`#story aa-mark[data-label="${label}"]`).first().evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.equal(await bg("PER"), "rgba(0, 0, 0, 0)");
  assert.notEqual(await bg("LOC"), "rgba(0, 0, 0, 0)");
  await page.locator('article-annotator .legend input[data-label="PER"]').check();
  assert.equal(await page.getAttribute("#story", "data-aa-hidden"), null);
  await done(handles);
});

test("the demo also runs from www/ as `npm start` serves it (its CSP included)", SLOW, async () => {
  const www = await serve();
  try {
    const handles = await openPage(browser);
    await handles.page.goto(`${www.url}widget/demo/`);
    await settled(handles.page);
    const [w] = await panels(handles.page);
    assert.equal(w.state, "done", w.error);
    assert.ok((await marks(handles.page, "#story")).total > 5);
    await done(handles);
  } finally {
    await www.close();
  }
});

// Properties whose resolved value is the used box size, which the marks' padding may change by rewrapping text.
const BOX_SIZE = new Set(["width", "height", "inline-size", "block-size", "transform-origin", "perspective-origin"]);

/** Every computed property of the host page's elements named in `selectors`. */
function hostStyles(page, selectors) {
  return page.evaluate((sels) => Object.fromEntries(Object.entries(sels).map(([name, sel]) => {
    const el = document.querySelector(sel);
    if (!el) return [name, null];
    const cs = getComputedStyle(el);
    return [name, Object.fromEntries([...cs].map((p) => [p, cs.getPropertyValue(p)]))];
  })), selectors);
}

test("(2) the host page's computed styles are identical before and after annotation, outside the marks", SLOW, async () => {
  const handles = await openPage(browser);
  const { page } = handles;
  // Hold the widget's module until the page without it has been measured.
  let release;
  const gate = new Promise((r) => {
    release = r;
  });
  await page.route("**/article-annotator-widget.js", async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(`${plain.url}widget/demo/`, { waitUntil: "commit" });
  await page.waitForFunction(() => document.readyState !== "loading" && [...document.querySelectorAll('link[rel="stylesheet"]')].every((l) => l.sheet));
  assert.equal(await page.evaluate(() => customElements.get("article-annotator")), undefined, "measured before the widget ran");
  const selectors = {
    html: "html", body: "body", h1: "#story h1", byline: "#story .byline", p: "#story p:nth-of-type(2)", "p with a link": "#story p:nth-of-type(5)",
    a: "#story a", article: "#story", sidebar: ".sidebar", "sidebar h2": ".most-read h2", "sidebar a": ".most-read a", nav: ".masthead nav", footer: ".foot",
  };
  const beforeStyles = await hostStyles(page, selectors);
  release();
  await settled(page);
  const [w] = await panels(page);
  assert.equal(w.state, "done", w.error);
  assert.ok((await marks(page, "#story")).total > 5, "annotated");
  const afterStyles = await hostStyles(page, selectors);
  for (const [name, styles] of Object.entries(beforeStyles)) {
    assert.ok(styles && Object.keys(styles).length > 100, `${name} measured`);
    const changed = Object.keys(styles).filter((p) => !BOX_SIZE.has(p) && styles[p] !== afterStyles[name][p]);
    assert.deepEqual(changed.map((p) => `${p}: ${styles[p]} -> ${afterStyles[name][p]}`), [], `${name} keeps its styles`);
  }
  await done(handles);
});

test("(3) under a strict CSP (default-src 'self'; script-src 'self' 'wasm-unsafe-eval') it works with no violation and no console error", SLOW, async () => {
  for (const path of ["widget/demo/", "widget/demo/?position=right&theme=dark", "fixtures/two.html"]) {
    const handles = await openPage(browser);
    const { page } = handles;
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(`${strict.url}${path}`);
    assert.equal(response.headers()["content-security-policy"], STRICT_CSP);
    await settled(page);
    for (const w of await panels(page)) assert.equal(w.state, "done", `${path}: ${w.error}`);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], `${path}: CSP violations`);
    if (path.includes("dark")) await page.screenshot({ path: join(ARTIFACTS, "widget-demo-right-dark.png") });
    await done(handles);
  }
});

test("(4) two widgets on one page share one Worker and one wasm download; categories limit what is shown", SLOW, async () => {
  const handles = await openPage(browser);
  const { page } = handles;
  const wasm = plain.count(/\.wasm$/);
  const workers = plain.count(/\/worker\.js$/);
  await page.goto(`${plain.url}fixtures/two.html`);
  await settled(page);
  const [first, second] = await panels(page);
  assert.equal(first.state, "done", first.error);
  assert.equal(second.state, "done", second.error);
  assert.equal(page.workers().length, 1, "one Worker");
  assert.equal(plain.count(/\/worker\.js$/) - workers, 1, "worker.js fetched once");
  assert.equal(plain.count(/\.wasm$/) - wasm, 1, "the wasm fetched once");

  // Each annotates its own article; the second came from data-article-annotator, right after it.
  assert.equal(second.target, "second");
  assert.equal(await page.evaluate(() => document.getElementById("second").nextElementSibling.tagName), "ARTICLE-ANNOTATOR");
  const inFirst = await marks(page, "#first");
  const inSecond = await page.evaluate(() => document.querySelectorAll("#second aa-mark").length);
  assert.equal(inFirst.outside, inSecond, "every mark is in one of the two articles");
  assert.ok(inFirst.total - inFirst.outside > 0 && inSecond > 0);
  assert.ok(first.result.entities.some((e) => e.text === "Brussels") && second.result.entities.some((e) => e.text === "Madrid"));

  // categories=people,places,claims: no organisation is marked, toggled or listed.
  assert.deepEqual(second.legend, ["PER", "LOC", "CLAIM"]);
  assert.equal(second.lists.ORG, null);
  assert.ok(second.result.entities.some((e) => e.label === "ORG"), "the engine found an organisation…");
  assert.equal(await page.locator('#second aa-mark[data-label="ORG"]').count(), 0, "…which is not marked");
  const view = { ...second.result, entities: second.result.entities.filter((e) => e.label !== "ORG") };
  const expected = expectedLists(view, ["PER", "LOC"]);
  assert.deepEqual({ PER: second.lists.PER, LOC: second.lists.LOC, CLAIM: second.lists.CLAIM }, expected);
  assert.equal(await page.evaluate(() => document.querySelector("#second + article-annotator").getAttribute("theme")), "dark");
  await page.screenshot({ path: join(ARTIFACTS, "widget-two.png"), fullPage: true });
  await done(handles);
});

test("(5) lazy: no worker and no wasm request before the article nears the viewport, or before a click", SLOW, async () => {
  // Scrolling the article into view starts it.
  let handles = await openPage(browser);
  let { page } = handles;
  let wasm = plain.count(/\.wasm$/);
  await page.goto(`${plain.url}fixtures/lazy.html`);
  await page.waitForFunction(() => document.querySelector("article-annotator")?.dataset.state === "idle");
  await page.waitForTimeout(1500);
  assert.equal(plain.count(/\.wasm$/) - wasm, 0, "no wasm request while the article is out of view");
  assert.equal(page.workers().length, 0, "no worker either");
  assert.ok(handles.requests.every((u) => !/\.wasm$|worker\.js$/.test(u)));
  await page.locator("#story").scrollIntoViewIfNeeded();
  await settled(page);
  assert.equal((await panels(page))[0].state, "done");
  assert.equal(plain.count(/\.wasm$/) - wasm, 1);
  await done(handles);

  // A click on the widget starts it, the article still out of view.
  handles = await openPage(browser);
  ({ page } = handles);
  wasm = plain.count(/\.wasm$/);
  await page.goto(`${plain.url}fixtures/lazy.html`);
  await page.waitForFunction(() => document.querySelector("article-annotator")?.dataset.state === "idle");
  await page.waitForTimeout(500);
  assert.equal(plain.count(/\.wasm$/) - wasm, 0);
  await page.locator("article-annotator button.start").click();
  await settled(page);
  assert.equal((await panels(page))[0].state, "done");
  assert.equal(await page.evaluate(() => window.scrollY), 0, "started by the click, not by scrolling");
  assert.equal(plain.count(/\.wasm$/) - wasm, 1);
  await done(handles);
});

/** Every computed property of every element in the widget's shadow root. */
function panelStyles(page) {
  return page.$eval("article-annotator", (w) => [w.shadowRoot.querySelector(".panel"), ...w.shadowRoot.querySelectorAll(".panel *")].map((el) => {
    const cs = getComputedStyle(el);
    return { el: `${el.tagName.toLowerCase()}.${el.className}`, style: Object.fromEntries([...cs].map((p) => [p, cs.getPropertyValue(p)])) };
  }));
}

test("(6) host CSS that tries to break the panel changes none of its computed styles", SLOW, async () => {
  const clean = await openPage(browser);
  await clean.page.goto(`${plain.url}fixtures/clean.html`);
  await settled(clean.page);
  const hostile = await openPage(browser);
  await hostile.page.goto(`${plain.url}fixtures/hostile.html`);
  await settled(hostile.page);
  // The hostile rules do apply to the host page…
  assert.equal(await hostile.page.$eval("#story p", (p) => getComputedStyle(p).color), "rgb(255, 0, 0)");
  assert.equal(await hostile.page.$eval("#story p", (p) => getComputedStyle(p).fontSize), "40px");
  // …and not to the panel.
  const [a, b] = await Promise.all([panelStyles(clean.page), panelStyles(hostile.page)]);
  assert.ok(a.length > 20, "the panel has its lists");
  assert.deepEqual(b.map((x) => x.el), a.map((x) => x.el), "same panel elements");
  const diffs = [];
  a.forEach(({ el, style }, i) => {
    for (const [p, v] of Object.entries(style)) if (b[i].style[p] !== v) diffs.push(`${el} ${p}: ${v} -> ${b[i].style[p]}`);
  });
  assert.deepEqual(diffs, [], "the panel's computed styles");
  const host = await hostile.page.$eval("article-annotator", (w) => {
    const cs = getComputedStyle(w);
    return { display: cs.display, position: cs.position, transform: cs.transform, fontSize: cs.fontSize };
  });
  assert.deepEqual(host, { display: "block", position: "static", transform: "none", fontSize: "16px" }, "the host element itself");
  await hostile.page.screenshot({ path: join(ARTIFACTS, "widget-hostile.png") });
  await done(clean);
  await done(hostile);
});

test("errors show in the panel, never uncaught: an engine that cannot load (and a retry); no article; an unknown backend", SLOW, async () => {
  const broken = await startServer({ fail: /\.wasm$/ });
  try {
    const handles = await openPage(browser, { tolerate: /Failed to load resource/ });
    const { page } = handles;
    await page.goto(`${broken.url}widget/demo/`);
    await settled(page);
    const [w] = await panels(page);
    assert.equal(w.state, "error");
    assert.match(w.error, /^Could not annotate: .*(cannot load|404)/);
    assert.equal(await page.locator("aa-mark").count(), 0);
    // "Try again" runs it again (and fails the same way here, in the panel again).
    const again = page.evaluate(() => new Promise((r) => document.querySelector("article-annotator").addEventListener("annotator-error", (e) => r(e.detail.error.message), { once: true })));
    await page.locator("article-annotator button.retry").click();
    assert.match(await again, /cannot load|404/);
    assert.equal((await panels(page))[0].state, "error");
    assert.equal(broken.count(/\.wasm$/), 2, "the retry fetched the engine again");
    await done(handles);
  } finally {
    await broken.close();
  }
  const handles = await openPage(browser);
  await handles.page.goto(`${plain.url}fixtures/errors.html`);
  await settled(handles.page);
  const [nowhere, quantum] = await panels(handles.page);
  assert.equal(nowhere.state, "error");
  assert.match(nowhere.error, /no element with id "nowhere"/);
  assert.equal(quantum.state, "error");
  assert.match(quantum.error, /unknown backend "quantum"/);
  await done(handles);
});
