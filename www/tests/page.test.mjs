// Browser tests of the page, the worker and the JS API, in Debian's Chromium (npm test runs them):
//   (a) WebGPU available: the backend shown is the engine's, annotations equal the CPU run's
//   (b) no WebGPU: falls back to the CPU and says so
//   (c) no request to any other origin          (d) markup in article text stays text, runs nothing
//   (e) emoji and CJK highlight exactly          (f) no console errors
//   (g) a screenshot of the annotated seed article in www/tests/artifacts/
// and the page's other duties: files (open, drop, HTML), keyboard, exports, offline.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ARTIFACTS, launch, openPage, pageState, record, serve, settled, spans } from "./harness.mjs";

const SEED_PATH = new URL("../../../shared/data/articles/seed.json", import.meta.url);
const HAVE_SEED = existsSync(SEED_PATH);
const SAMPLE = HAVE_SEED ? "seed" : "builtin";

let server, bare, gpuBrowser, cpuBrowser;
const origins = [];

before(async () => {
  server = await serve();
  bare = await serve({ csp: false });
  origins.push(server.origin, bare.origin);
  [gpuBrowser, cpuBrowser] = await Promise.all([launch({ webgpu: true }), launch({ webgpu: false })]);
});

after(async () => {
  await Promise.all([gpuBrowser?.close(), cpuBrowser?.close()]);
  await Promise.all([server?.close(), bare?.close()]);
});

/** Opens the page and waits for it to finish; returns the handles and the page's state. */
async function annotated(browser, query, options = {}) {
  const handles = await openPage(browser, options);
  await handles.page.goto(`${options.base ?? server.url}page/?${query}`);
  const state = await settled(handles.page);
  return { ...handles, state, ...(await pageState(handles.page)) };
}

/** Closes a page, failing on any console error, uncaught error or dialog it produced (f). */
async function done(handles) {
  await handles.context.close();
  assert.deepEqual(handles.errors, [], "console errors or uncaught errors");
  assert.deepEqual(handles.dialogs, [], "dialogs");
}

/** Waits until `auto` has settled its backend in the background; returns the page's info. */
async function autoSettled(page) {
  await page.waitForFunction(() => window.annotatorPage.info?.auto?.state === "settled", null, { timeout: 90_000 });
  await page.waitForFunction(() => document.getElementById("badge").dataset.auto === "settled");
  return page.evaluate(() => window.annotatorPage.info);
}

test("(b) without WebGPU the page stays on the CPU and says why", async () => {
  const run = await annotated(cpuBrowser, `sample=${SAMPLE}`);
  assert.equal(run.state, "done", run.error);
  assert.equal(run.result.backend, "cpu");
  assert.equal(run.result.fallback, null, "auto's first result is the CPU's by design, not a fallback");
  assert.equal(run.result.webgpu.available, false);
  assert.equal(run.result.webgpu.reason, "no adapter");
  const info = await autoSettled(run.page);
  assert.equal(info.auto.source, "no-webgpu");
  assert.equal(info.auto.crossoverTokens, null);
  const badge = run.page.locator("#badge");
  assert.match(await badge.textContent(), /CPU.*no WebGPU/);
  assert.match(await badge.getAttribute("title"), /WebGPU: no adapter/);
  assert.equal(await badge.getAttribute("data-backend"), "cpu");
  assert.ok(run.result.entities.length > 5, "entities found");
  await done(run);
});

test("auto: the first result comes from the CPU before the GPU is measured; the verdict is remembered", async () => {
  const handles = await openPage(gpuBrowser);
  const { page } = handles;
  await page.goto(`${server.url}page/?sample=${SAMPLE}&backend=auto`);
  assert.equal(await settled(page), "done");
  const first = await pageState(page);
  assert.equal(first.result.backend, "cpu", "the first result is the CPU's");
  assert.equal(first.result.fallback, null);
  assert.equal(first.result.auto.state, "pending", "computed before any calibration began: it did not wait for the GPU");
  // Then, in the background, the GPU (SwiftShader here) is measured and the badge says the verdict.
  const info = await autoSettled(page);
  assert.equal(info.auto.source, "measured", `calibrated (${info.auto.reason ?? "no reason"})`);
  assert.ok(info.auto.crossoverTokens === null || info.auto.crossoverTokens > 0);
  const label = await page.locator("#badge").textContent();
  if (info.auto.crossoverTokens === null) assert.match(label, /CPU.*faster than this GPU/);
  else assert.match(label, /WebGPU takes over|^WebGPU/);
  // A later click is served by the verdict, with the same annotations.
  await page.click("#edit");
  await page.click("#annotate");
  assert.equal(await settled(page), "done");
  const second = await pageState(page);
  assert.equal(second.result.auto.state, "settled");
  if (info.auto.crossoverTokens === null) assert.equal(second.result.backend, "cpu", "the verdict keeps every text on the CPU");
  assert.deepEqual(spans(second.result), spans(first.result));

  // The next visit (same browser profile, same adapter) uses the stored verdict instead of measuring.
  const again = await handles.context.newPage();
  again.on("console", (m) => m.type() === "error" && handles.errors.push(`page console.error: ${m.text()}`));
  await again.goto(`${server.url}page/?sample=${SAMPLE}&backend=auto`);
  assert.equal(await settled(again), "done");
  const next = await autoSettled(again);
  assert.equal(next.auto.source, "remembered");
  assert.equal(next.auto.crossoverTokens, info.auto.crossoverTokens);
  assert.match(await again.locator("#badge").getAttribute("title"), /measured on an earlier visit/);
  await done(handles);
});

test("(a) with WebGPU the page reports the engine's backend and matches the CPU run (g: screenshot)", async () => {
  const cpu = await annotated(cpuBrowser, `sample=${SAMPLE}&backend=cpu`);
  assert.equal(cpu.state, "done", cpu.error);
  assert.equal(cpu.result.backend, "cpu");
  assert.equal(cpu.result.fallback, null, "a forced CPU is no fallback");

  // auto: the first result is the CPU's; the GPU is acquired and measured after it.
  const auto = await annotated(gpuBrowser, `sample=${SAMPLE}&backend=auto`);
  assert.equal(auto.state, "done", auto.error);
  assert.equal(auto.result.webgpu.available, true, "SwiftShader's adapter is visible to the worker");
  assert.ok(auto.result.webgpu.adapter, "adapter details come from JS");
  assert.equal(auto.result.fallback, null, "no failure on the way");
  assert.equal(await auto.page.locator("#badge").getAttribute("data-backend"), auto.result.backend, "the badge shows the engine's backend");
  assert.deepEqual(spans(auto.result), spans(cpu.result));
  const info = await autoSettled(auto.page);
  assert.equal(info.backend, "webgpu", `measuring acquired WebGPU (${info.auto.reason ?? ""} ${info.fallbackDetail ?? ""})`);
  await done(auto);

  // webgpu forced: the GPU computes it, and says so.
  const gpu = await annotated(gpuBrowser, `sample=${SAMPLE}&backend=webgpu`);
  assert.equal(gpu.state, "done", gpu.error);
  assert.equal(gpu.result.backend, "webgpu", `WebGPU computed the request (fallback: ${gpu.result.fallback} ${gpu.result.fallbackDetail})`);
  assert.equal(gpu.result.fallback, null);
  assert.equal(await gpu.page.locator("#badge").getAttribute("data-backend"), "webgpu");
  assert.match(await gpu.page.locator("#badge").textContent(), /^WebGPU/);
  // Same annotations as the CPU run: spans exactly, scores within rounding.
  assert.deepEqual(spans(gpu.result), spans(cpu.result));
  gpu.result.entities.forEach((e, i) => assert.ok(Math.abs(e.score - cpu.result.entities[i].score) <= 0.01, `score of ${e.text}`));

  // (g) the annotated seed article, as a test artifact.
  await gpu.page.screenshot({ path: join(ARTIFACTS, `${SAMPLE}-annotated.png`), fullPage: true });
  await done(gpu);
  await done(cpu);
});

test("the browser runs what the native CLI runs (same spans, code points)", { skip: !process.env.ANNOTATE_BIN && "set ANNOTATE_BIN to the annotate binary (scripts/test.sh does)" }, async () => {
  const run = await annotated(cpuBrowser, `sample=${SAMPLE}&backend=cpu`);
  const native = JSON.parse(execFileSync(process.env.ANNOTATE_BIN, ["--backend", "cpu"], { input: run.text, encoding: "utf8" }));
  const fromWasm = run.result.entities.map((e) => ({ start: e.position.start, end: e.position.end, label: e.label, text: e.text, cluster: e.cluster }));
  const fromCli = native.entities.map(({ start, end, label, text, cluster }) => ({ start, end, label, text, cluster }));
  assert.deepEqual(fromWasm, fromCli);
  assert.equal(run.result.model, native.model);
  await done(run);
});

test("a forced WebGPU backend without WebGPU fails clearly", async () => {
  const run = await annotated(cpuBrowser, `sample=builtin&backend=webgpu`);
  assert.equal(run.state, "error");
  assert.match(run.error, /WebGPU|GPU|adapter/i);
  await done(run);
});

const HOSTILE = [
  "President Emmanuel Macron met Angela Merkel in Berlin on Monday.",
  '<img src=x onerror="window.__xss=1;fetch(\'/xss-img\')"> Chancellor Olaf Scholz said the European Union must act.',
  "<script>window.__xss=2;fetch('/xss-script')</script> <b onmouseover=alert(1)>bold</b> <iframe src=\"javascript:alert(3)\"></iframe>",
  "&lt;not an entity&gt; & <svg onload=alert(4)> Reuters reported from London.",
].join("\n\n");

for (const [name, base] of [["without a CSP", () => bare.url], ["with the CSP", () => server.url]]) {
  test(`(d) markup in the article text shows as text and runs nothing (${name})`, async () => {
    const handles = await openPage(cpuBrowser);
    const { page } = handles;
    await page.goto(`${base()}page/`);
    await page.waitForFunction(() => document.documentElement.dataset.state === "ready");
    await page.fill("#text", HOSTILE);
    await page.click("#annotate");
    assert.equal(await settled(page), "done");
    const article = page.locator("#article");
    assert.equal(await article.evaluate((el) => el.textContent), HOSTILE, "the text is shown verbatim");
    assert.equal(await article.locator("img, script, iframe, svg, b").count(), 0, "no element from the text");
    const { result } = await pageState(page);
    assert.ok(result.entities.length > 0);
    // Exports escape too: load the exported HTML as a document and look for any effect.
    const html = await page.evaluate(async () => {
      const { toHTML } = await import("../shared/annotator.js");
      return toHTML(window.annotatorPage.text, window.annotatorPage.result);
    });
    assert.ok(!html.includes("<img") && !html.includes("<script>window") && html.includes("&lt;img src=x"));
    await page.hover("#article");
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__xss), undefined, "no script from the text ran");
    const exported = await handles.context.newPage();
    exported.on("dialog", (d) => handles.dialogs.push(d.message()));
    await exported.setContent(html);
    assert.equal(await exported.evaluate(() => window.__xss), undefined, "the exported HTML runs nothing");
    assert.equal(await exported.locator("article img, article script, article iframe").count(), 0);
    assert.deepEqual(handles.requests.filter((u) => /xss|\/page\/x$/.test(u)), [], "no request from injected markup");
    await done(handles);
  });
}

const UNICODE = [
  "👩‍👩‍👧 Angela Merkel 😀 met Emmanuel Macron in Paris 🇫🇷 on Friday.",
  "Premier 李强 told reporters in Beijing that China and Japan would talk.",
  "José Pérez of the United Nations flew to 東京 and then to Tokyo 🗼 with Kofi Annan.",
].join("\n\n");

test("(e) emoji and CJK text highlight exactly the right characters", async () => {
  const handles = await openPage(cpuBrowser);
  const { page } = handles;
  await page.goto(`${server.url}page/`);
  await page.waitForFunction(() => document.documentElement.dataset.state === "ready");
  await page.fill("#text", UNICODE);
  await page.click("#annotate");
  assert.equal(await settled(page), "done");
  const { result, text } = await pageState(page);
  const codePoints = [...text];
  assert.ok(result.entities.length >= 3, "entities after emoji are found");
  for (const [i, e] of result.entities.entries()) {
    assert.equal(text.slice(e.start, e.end), e.text, "UTF-16 offsets from Rust");
    assert.equal(codePoints.slice(e.position.start, e.position.end).join(""), e.text, "code-point offsets from Rust");
    const marked = await page.locator(`#article aa-mark[data-entity="${i}"]`).allTextContents();
    assert.equal(marked.join(""), e.text, `the marks of entity ${i} hold exactly its text`);
  }
  const found = result.entities.map((e) => e.text);
  for (const name of ["Angela Merkel", "Emmanuel Macron", "Paris"]) assert.ok(found.some((f) => f.includes(name)), `${name} in ${found}`);
  assert.equal(await page.locator("#article").evaluate((el) => el.textContent), UNICODE);

  // highlight() itself, on spans chosen to sit on surrogate pairs, ZWJ sequences, flags and CJK.
  const checked = await page.evaluate(async (source) => {
    const { highlight, clear, textOf } = await import("../shared/annotator.js");
    const div = document.createElement("div");
    div.append("x ", document.createElement("b"), "tail");
    div.firstChild.after(document.createTextNode("")); // an empty text node must not shift offsets
    div.querySelector("b").textContent = source;
    document.body.append(div);
    const text = textOf(div);
    const targets = ["👩‍👩‍👧", "😀", "🇫🇷", "李强", "東京", "José Pérez", "🗼 with"];
    const entities = targets
      .map((t) => ({ start: text.indexOf(t), end: text.indexOf(t) + t.length, text: t, label: "PER", cluster: 0, score: 1 }))
      .sort((a, b) => a.start - b.start);
    const report = highlight(div, { entities, claims: [] });
    const marks = [...div.querySelectorAll("aa-mark")].map((m) => m.textContent);
    const intact = textOf(div) === text;
    clear(div);
    const restored = div.innerHTML;
    div.remove();
    return { report, marks, targets: entities.map((e) => e.text), intact, restored: restored === `x <b>${source.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</b>tail` };
  }, UNICODE);
  assert.deepEqual(checked.marks, checked.targets);
  assert.equal(checked.report.skipped, 0);
  assert.ok(checked.intact, "highlighting does not change the text");
  assert.ok(checked.restored, "clear() restores the DOM");
  await done(handles);
});

test("entity spans never start or end with an emoji or other symbol", async () => {
  const handles = await openPage(cpuBrowser);
  const { page } = handles;
  await page.goto(`${server.url}page/?sample=none`);
  await page.waitForFunction(() => document.documentElement.dataset.state === "ready");
  const result = await page.evaluate(async (text) => {
    const { createAnnotator } = await import("../shared/annotator.js");
    return (await createAnnotator({ backend: "cpu" })).annotate(text);
  }, UNICODE);
  await done(handles);
  const found = result.entities.map((e) => e.text);
  for (const name of ["Angela Merkel", "Emmanuel Macron", "Paris"]) assert.ok(found.includes(name), `${name} in ${found}`);
  for (const e of result.entities) assert.match(e.text, /^[\p{L}\p{N}].*[\p{L}\p{N}.]$|^[\p{L}\p{N}]$/su, e.text);
});

test("files: open a .txt, open an .html (parsed inert), drop a file", async () => {
  const handles = await openPage(cpuBrowser);
  const { page } = handles;
  await page.goto(`${server.url}page/`);
  await page.waitForFunction(() => document.documentElement.dataset.state === "ready");

  await page.setInputFiles("#file", { name: "story.txt", mimeType: "text/plain", buffer: Buffer.from("Angela Merkel visited Paris.\n") });
  assert.equal(await settled(page), "done");
  assert.equal((await pageState(page)).text, "Angela Merkel visited Paris.\n");

  const html = `<!doctype html><title>T</title><script>window.__xss=5</script><nav>Home | World</nav>
    <article><h1>Talks in Paris</h1><p>Angela Merkel met <img src=x onerror="window.__xss=6">Emmanuel Macron.</p><p>Reuters reported it.</p></article>
    <footer>Copyright</footer>`;
  await page.click("#edit");
  await page.setInputFiles("#file", { name: "story.html", mimeType: "text/html", buffer: Buffer.from(html) });
  await page.waitForFunction(() => window.annotatorPage.text.startsWith("Talks in Paris"));
  assert.equal(await settled(page), "done");
  const { text } = await pageState(page);
  assert.equal(text, "Talks in Paris\n\nAngela Merkel met Emmanuel Macron.\n\nReuters reported it.");
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(handles.requests.filter((u) => /\/page\/x$/.test(u)), [], "the parsed file loads nothing");

  await page.click("#edit");
  const dropped = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["Kofi Annan spoke in Geneva."], "dropped.txt", { type: "text/plain" }));
    return dt;
  });
  await page.dispatchEvent("body", "drop", { dataTransfer: dropped });
  await page.waitForFunction(() => window.annotatorPage.text === "Kofi Annan spoke in Geneva.");
  assert.equal(await settled(page), "done");
  await done(handles);
});

test("keyboard: annotate with Ctrl+Enter, jump from the lists, toggle a category, Esc back", async () => {
  const handles = await openPage(cpuBrowser);
  const { page } = handles;
  await page.goto(`${server.url}page/`);
  await page.waitForFunction(() => document.documentElement.dataset.state === "ready");
  await page.focus("#text");
  await page.keyboard.insertText("Angela Merkel met Emmanuel Macron in Paris. Later Merkel flew to Berlin.");
  await page.keyboard.press("Control+Enter");
  assert.equal(await settled(page), "done");
  const first = page.locator("#list-PER button.jump").first();
  await first.focus();
  await page.keyboard.press("Enter");
  const focused = await page.evaluate(() => ({ tag: document.activeElement.tagName, text: document.activeElement.textContent, label: document.activeElement.dataset.label }));
  assert.deepEqual({ tag: focused.tag, label: focused.label }, { tag: "AA-MARK", label: "PER" });
  // The toggle hides that category's highlights, and only those.
  await page.locator('#legend input[data-label="PER"]').focus();
  await page.keyboard.press("Space");
  assert.equal(await page.locator("#article").getAttribute("data-aa-hidden"), "PER");
  const bg = await page.locator('#article aa-mark[data-label="PER"]').first().evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.equal(bg, "rgba(0, 0, 0, 0)");
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.id), "text");
  await done(handles);
});

test("exports: W3C Web Annotations with quote and position selectors, and HTML; a claim's mark says why", async () => {
  const run = await annotated(cpuBrowser, `sample=${SAMPLE}`);
  // A claim's highlight names its speaker, its cue and its score (how sure the model is).
  assert.ok(run.result.claims.length > 0, "the sample has claims");
  const claim = run.result.claims[0];
  const title = await run.page.locator('#article aa-mark[data-claim="0"]').first().getAttribute("title");
  assert.ok(title.includes(`score ${claim.score.toFixed(2)}`) && title.includes(`“${claim.cue}”`), title);
  const [download] = await Promise.all([run.page.waitForEvent("download"), run.page.click("#export-json")]);
  const doc = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(doc.type, "AnnotationCollection");
  assert.ok(doc["@context"].includes("http://www.w3.org/ns/anno.jsonld"));
  const items = doc.first.items;
  assert.equal(items.length, run.result.entities.length + run.result.claims.length);
  const cps = [...run.text];
  for (const a of items) {
    assert.equal(a.type, "Annotation");
    const quote = a.target.selector.find((s) => s.type === "TextQuoteSelector");
    const pos = a.target.selector.find((s) => s.type === "TextPositionSelector");
    assert.equal(cps.slice(pos.start, pos.end).join(""), quote.exact);
    assert.ok(cps.slice(0, pos.start).join("").endsWith(quote.prefix ?? ""));
    assert.ok(cps.slice(pos.end).join("").startsWith(quote.suffix ?? ""));
  }
  const [htmlDownload] = await Promise.all([run.page.waitForEvent("download"), run.page.click("#export-html")]);
  const html = readFileSync(await htmlDownload.path(), "utf8");
  assert.match(html, /^<!doctype html>/);
  assert.equal((html.match(/<mark class="entity"/g) ?? []).length, run.result.entities.length);
  await done(run);
});

test("two annotators on one page share one worker; errors come back as errors", async () => {
  const handles = await openPage(cpuBrowser);
  const { page } = handles;
  await page.goto(`${server.url}page/`);
  await page.waitForFunction(() => document.documentElement.dataset.state === "ready");
  const out = await page.evaluate(async () => {
    const { createAnnotator } = await import("../shared/annotator.js");
    const [a, b] = await Promise.all([createAnnotator({ backend: "cpu" }), createAnnotator({ backend: "cpu" })]);
    const [ra, rb] = await Promise.all([a.annotate("Kofi Annan visited Ghana."), b.annotate("Kofi Annan visited Ghana.")]);
    let bad = null;
    try {
      await createAnnotator({ backend: "quantum" });
    } catch (e) {
      bad = e.message;
    }
    let notText = null;
    try {
      await a.annotate(42);
    } catch (e) {
      notText = e.message;
    }
    const empty = await a.annotate("");
    return { same: JSON.stringify(ra.entities) === JSON.stringify(rb.entities), bad, notText, empty: empty.entities.length };
  });
  assert.ok(out.same);
  assert.match(out.bad, /unknown backend/);
  assert.match(out.notText, /must be a string/);
  assert.equal(out.empty, 0);
  // The page's annotator and the two above used one worker.
  assert.equal(page.workers().length, 1);
  await done(handles);
});

test("works offline once loaded (service worker): the server goes away, the page still annotates", async () => {
  // Chromium's offline emulation also stops workers from starting (even from blob: URLs), so the test
  // takes the server away instead: what "offline" means for a reader.
  const own = await serve();
  origins.push(own.origin);
  const handles = await openPage(cpuBrowser, { serviceWorkers: true, tolerate: /Failed to load resource|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED/ });
  const { page } = handles;
  try {
    await page.goto(`${own.url}page/`);
    await page.waitForFunction(() => document.documentElement.dataset.state === "ready");
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    });
    await own.close();
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.state === "ready", null, { timeout: 30_000 });
    await page.click("#sample-builtin");
    assert.equal(await settled(page), "done");
    assert.ok((await pageState(page)).result.entities.length > 0);
  } finally {
    await own.close();
  }
  await done(handles);
});

test("long texts show progress, and the page stays responsive while the worker annotates", async () => {
  const handles = await openPage(cpuBrowser);
  const { page } = handles;
  await page.goto(`${server.url}page/?backend=cpu`);
  await page.waitForFunction(() => document.documentElement.dataset.state === "ready");
  const paragraph = "Angela Merkel met Emmanuel Macron in Paris, and Reuters reported that the European Union would act. ";
  const text = Array.from({ length: 5000 }, (_, i) => (i % 8 === 7 ? `${paragraph}\n\n` : paragraph)).join(""); // ~80,000 words
  // The bar shows after 0.25 s and hides when the work is done: on a fast machine it may be up for
  // less than Playwright's polling interval, so the page itself records that it was shown.
  await page.evaluate((t) => {
    document.getElementById("text").value = t;
    const bar = document.getElementById("progress");
    window.__progressShown = null;
    new MutationObserver(() => {
      if (!bar.hidden && window.__progressShown === null) {
        window.__progressShown = document.getElementById("progress-text").textContent;
      }
    }).observe(bar, { attributes: true, attributeFilter: ["hidden"] });
  }, text);
  await page.click("#annotate");
  await page.waitForFunction(() => window.__progressShown !== null, null, { timeout: 30_000 });
  assert.match(await page.evaluate(() => window.__progressShown), /Annotating 80,000 words/);
  // The main thread is free: a timer fires on time while the worker works.
  const lag = await page.evaluate(() => new Promise((r) => {
    const t0 = performance.now();
    setTimeout(() => r(performance.now() - t0 - 50), 50);
  }));
  assert.ok(lag < 200, `main thread lag ${lag} ms`);
  assert.equal(await settled(page, 120_000), "done");
  assert.equal(await page.locator("#progress").isVisible(), false);
  const { result } = await pageState(page);
  assert.equal(result.words, 80_000);
  assert.ok(result.entities.length > 10_000);
  await done(handles);
});

test("(c) no request went to any other origin; (f) no console error anywhere", () => {
  const allowed = origins;
  const foreign = record.requests.filter((u) => !u.startsWith("data:") && !u.startsWith("blob:") && !allowed.includes(new URL(u).origin));
  assert.ok(record.requests.length > 20, "requests were recorded");
  assert.deepEqual(foreign, []);
  assert.deepEqual(record.errors, []);
});
