#!/usr/bin/env node
// Browser timings (`npm run bench:browser`), in Debian's Chromium, on the page as users get it:
//   - page load to first annotation (navigation start -> highlights drawn, ?sample=...)
//   - annotate time in the worker for the seed article (or the built-in sample) and for a
//     ~10,000-word text, per backend: cpu (wasm) and webgpu (Chromium's SwiftShader here)
//   - against compromise (the peer of bench/, same version: bench/node_modules), in the same page of
//     the same Chromium on the same texts: the engine in the page's own thread (`worker: false`) and
//     `nlp(text).people()/.organizations()/.places()` (as bench/compromise_peer.mjs), alternating, on
//       conll: the CoNLL-2003 test set rebuilt as `annotate eval --conll` does (tokens joined by one
//              space, sentences by "\n", one text per -DOCSTART- document, one call per document;
//              read at run time from ../shared/data/ner/conll2003/test.txt),
//       seed:  the seed article (or the built-in sample),
//       long:  the first CoNLL test documents joined by blank lines up to --words words (the seed
//              article repeated when the CoNLL file is absent).
//     Tokens are counted by OUR tokenizer (`annotate bench FILE --backend cpu` reports them; the
//     binary is $ANNOTATE_BIN or target/release/annotate) for every system, so tokens/s share one
//     denominator; without the binary, whitespace words are used and the output says so.
//     compromise is served from bench/node_modules by the test server itself (same origin on
//     127.0.0.1, same CSP); nothing is fetched from anywhere else.
// Prints one JSON document, then a markdown table. Options: --runs N (default 5; medians after an
// untimed warm-up), --words N (default 10000), --no-compromise (only the first two measurements).
//
// `--first-click` measures only what a reader's first click costs (`npm run bench:first-click`): a
// cold page per backend (auto and webgpu with SwiftShader's WebGPU, cpu without), the model loaded
// (the page "ready"), a ~1,500-word article (the first CoNLL test documents; --article-words N)
// typed in, then the first Annotate click and --runs later clicks: the page's own annotate timing
// and click → highlights drawn, and for auto when the background calibration settled.

import { readFileSync, existsSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir, loadavg, cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "node:http";
import { createStaticServer, listen } from "../../scripts/serve.mjs";
import { launch, openPage, serve, CHROMIUM } from "./harness.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const RUNS = opt("--runs", 5);
const WORDS = opt("--words", 10_000);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const seedPath = new URL("../../../shared/data/articles/seed.json", import.meta.url);
const conllPath = fileURLToPath(new URL("../../../shared/data/ner/conll2003/test.txt", import.meta.url));
const compromiseDir = join(ROOT, "bench/node_modules/compromise");
const compromiseFile = join(compromiseDir, "builds/three/compromise-three.mjs"); // the package's ES module build
const withCompromise = !args.includes("--no-compromise") && existsSync(compromiseFile);
if (!args.includes("--no-compromise") && !withCompromise) {
  console.error(`bench: ${compromiseFile} missing (run \`npm --prefix bench ci\` or bash bench/run.sh): compromise left out`);
}

const haveSeed = existsSync(seedPath);
const sample = haveSeed ? JSON.parse(readFileSync(seedPath, "utf8")).text : readFileSync(new URL("../page/sample.txt", import.meta.url), "utf8");
const words = (t) => t.split(/\s+/).filter(Boolean).length;

/** CoNLL documents as raw text, by the rules of src/eval.rs `read_conll` (bench/peers.py `docs`). */
function conllDocs(content) {
  const docs = [];
  let doc = null;
  let sentenceOpen = false;
  for (const line of content.split(/\r?\n/)) {
    if (line.startsWith("-DOCSTART-")) {
      if (doc !== null) docs.push(doc);
      doc = "";
      sentenceOpen = false;
      continue;
    }
    doc ??= "";
    if (!line.trim()) {
      sentenceOpen = false;
      continue;
    }
    if (doc) doc += sentenceOpen ? " " : "\n";
    doc += line.split(" ")[0];
    sentenceOpen = true;
  }
  if (doc !== null) docs.push(doc);
  return docs.filter(Boolean);
}
const conll = existsSync(conllPath) ? conllDocs(readFileSync(conllPath, "utf8")) : null;

let long = "";
if (conll) {
  for (const d of conll) {
    if (words(long) >= WORDS) break;
    long += (long ? "\n\n" : "") + d;
  }
} else {
  while (words(long) < WORDS) long += (long ? "\n\n" : "") + sample;
}
const longSource = conll ? `first ${long.split("\n\n").length} CoNLL-2003 test documents joined by blank lines` : `${haveSeed ? "seed article" : "built-in sample"} repeated`;

/** Our tokenizer's count, from `annotate bench FILE --backend cpu` (one file per text, in a temp folder). */
function ourTokens() {
  const bin = process.env.ANNOTATE_BIN ?? join(ROOT, "target/release/annotate");
  if (!existsSync(bin)) return null;
  const dir = mkdtempSync(join(tmpdir(), "aa-bench-"));
  try {
    const count = (file) => JSON.parse(execFileSync(bin, ["bench", file, "--backend", "cpu"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })).tokens;
    const file = (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    return {
      conll: conll ? count(conllPath) : null, // annotate bench reads a CoNLL file as its rebuilt documents
      seed: count(file("seed.txt", sample)),
      long: count(file("long.txt", long)),
      counter: `${bin} bench FILE --backend cpu ("tokens")`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The test server, plus compromise's ES module build at /bench-peer/compromise.mjs (same origin, same headers). */
async function serveWithPeer() {
  if (!withCompromise) return serve();
  const inner = createStaticServer({ csp: true });
  const handle = inner.listeners("request")[0]; // the static server's own handler, for everything else
  const body = readFileSync(compromiseFile);
  const server = createServer((req, res) => {
    if (req.url === "/bench-peer/compromise.mjs") {
      res.writeHead(200, {
        "Content-Type": "text/javascript; charset=utf-8", "Content-Length": body.length, "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff", "Cross-Origin-Resource-Policy": "same-origin",
      });
      return res.end(body);
    }
    return handle(req, res);
  });
  const { url } = await listen(server, 0);
  const close = () =>
    new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    });
  return { url, origin: new URL(url).origin, close };
}

/**
 * In the page: the engine in this thread (`worker: false`) and compromise, each text `runs` times after
 * an untimed warm-up pass, alternating which goes first. Returns per-system lists of ms per pass.
 */
function peerPasses(page, backend, texts) {
  return page.evaluate(
    async ({ backend, texts, runs }) => {
      const now = () => performance.now();
      const { createAnnotator } = await import("../shared/annotator.js");
      let t0 = now();
      const engine = await createAnnotator({ backend, worker: false });
      const engineReadyMs = now() - t0;
      t0 = now();
      const { default: nlp } = await import("/bench-peer/compromise.mjs"); // builds its lexicon on import
      const compromiseLoadMs = now() - t0;

      const spansOf = (doc, method, label, out) => {
        for (const m of doc[method]().json({ offset: true })) {
          const terms = m.terms;
          if (!terms || terms.length === 0) continue;
          const first = terms[0].offset;
          const last = terms[terms.length - 1].offset;
          out.push([first.start, last.start + last.length, label]);
        }
      };
      const compromise = (text) => {
        const doc = nlp(text);
        const out = [];
        spansOf(doc, "people", "PER", out);
        spansOf(doc, "organizations", "ORG", out);
        spansOf(doc, "places", "LOC", out);
        return out;
      };
      const systems = {
        wasm: async (docs) => {
          let n = 0, backends = new Set();
          for (const d of docs) {
            const r = await engine.annotate(d);
            n += r.entities.length;
            backends.add(r.backend);
          }
          return { entities: n, backend: [...backends].join("+") };
        },
        compromise: async (docs) => {
          let n = 0;
          for (const d of docs) n += compromise(d).length;
          return { entities: n };
        },
      };
      const out = { engine: { backend: engine.info.backend, fallback: engine.info.fallback, readyMs: engineReadyMs }, compromise: { version: nlp.version, loadMs: compromiseLoadMs }, texts: {} };
      for (const [name, docs] of Object.entries(texts)) {
        const r = { wasm: { ms: [] }, compromise: { ms: [] } };
        for (const s of ["wasm", "compromise"]) Object.assign(r[s], await systems[s](docs)); // warm-up, untimed
        for (let i = 0; i < runs; i++) {
          for (const s of i % 2 ? ["compromise", "wasm"] : ["wasm", "compromise"]) {
            const t = now();
            await systems[s](docs);
            r[s].ms.push(now() - t);
          }
        }
        out.texts[name] = r;
      }
      engine.close();
      return out;
    },
    { backend, texts, runs: RUNS },
  );
}

async function measure(browser, backend, peer) {
  const out = { backend };
  const { page, context } = await openPage(browser);
  await page.goto(`${server.url}page/?sample=${haveSeed ? "seed" : "builtin"}&backend=${backend}`);
  await page.waitForFunction(() => ["done", "error"].includes(document.documentElement.dataset.state), null, { timeout: 120_000 });
  const first = await page.evaluate(() => ({ state: document.documentElement.dataset.state, t: window.annotatorPage.timings, info: window.annotatorPage.info, error: document.getElementById("error").textContent }));
  if (first.state !== "done") {
    await context.close();
    return { backend, error: first.error };
  }
  out.engine = { model: first.info.model, backend: first.info.backend, fallback: first.info.fallback, adapter: first.info.webgpu?.adapter ?? null };
  out.pageLoadToFirstAnnotationMs = Math.round(first.t.firstAnnotationMs);
  out.modelLoadMs = Math.round(first.info.loadMs);
  for (const [name, text] of [["sample", sample], ["long", long]]) {
    const runs = await page.evaluate(
      async ({ text, backend, runs }) => {
        const { createAnnotator } = await import("../shared/annotator.js");
        const a = await createAnnotator({ backend });
        const r = [];
        await a.annotate(text); // warm-up (and auto's calibration)
        for (let i = 0; i < runs; i++) {
          const res = await a.annotate(text);
          r.push({ annotateMs: res.timings.annotateMs, roundTripMs: res.timings.roundTripMs, backend: res.backend, entities: res.entities.length });
        }
        return r;
      },
      { text, backend, runs: RUNS },
    );
    out[name] = {
      words: words(text),
      chars: text.length,
      backend: runs[0].backend,
      annotateMsMedian: +median(runs.map((r) => r.annotateMs)).toFixed(1),
      roundTripMsMedian: +median(runs.map((r) => r.roundTripMs)).toFixed(1),
      wordsPerSecond: Math.round(words(text) / (median(runs.map((r) => r.annotateMs)) / 1000)),
      entities: runs[0].entities,
    };
  }
  if (peer) out.vsCompromise = await compareInPage(page, backend);
  await context.close();
  return out;
}

/** The same-page comparison with compromise, summarised per text. */
async function compareInPage(page, backend) {
  const texts = { ...(conll ? { conll } : {}), seed: [sample], long: [long] };
  const raw = await peerPasses(page, backend, texts);
  const summary = {
    engine: { ...raw.engine, readyMs: Math.round(raw.engine.readyMs) },
    compromise: { version: raw.compromise.version, loadMs: Math.round(raw.compromise.loadMs) },
    texts: {},
  };
  for (const [name, r] of Object.entries(raw.texts)) {
    const docs = texts[name];
    const w = docs.reduce((s, d) => s + words(d), 0);
    const tok = tokens?.[name] ?? w;
    const row = { documents: docs.length, words: w, tokens: tok, tokensCountedBy: tokens ? "our tokenizer" : "whitespace words", runs: RUNS };
    for (const s of ["wasm", "compromise"]) {
      const m = median(r[s].ms);
      row[s] = {
        ...(s === "wasm" ? { backend: r[s].backend } : {}),
        msMedian: +m.toFixed(1),
        msAll: r[s].ms.map((x) => +x.toFixed(1)),
        tokensPerSecond: Math.round(tok / (m / 1000)),
        entities: r[s].entities,
      };
    }
    row.wasmOverCompromiseSpeed = +(row.wasm.tokensPerSecond / row.compromise.tokensPerSecond).toFixed(2);
    summary.texts[name] = row;
  }
  return summary;
}

/** The first click and later ones on a cold page whose model is loaded (see the header). */
async function firstClick(browser, backend, article, server) {
  const { page, context } = await openPage(browser);
  await page.goto(`${server.url}page/?backend=${backend}&sw=0`);
  await page.waitForFunction(() => ["ready", "error"].includes(document.documentElement.dataset.state), null, { timeout: 120_000 });
  await page.fill("#text", article);
  const click = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const t0 = performance.now();
          const seen = new MutationObserver(() => {
            const state = document.documentElement.dataset.state;
            if (state !== "done" && state !== "error") return;
            seen.disconnect();
            // Highlights are in the DOM now; the next frame is when they are drawn.
            requestAnimationFrame(() => {
              const s = window.annotatorPage;
              resolve({
                state, clickToHighlightsMs: performance.now() - t0, annotateMs: s.timings?.annotateMs, roundTripMs: s.timings?.roundTripMs,
                backend: s.result?.backend, auto: s.result?.auto?.state ?? null, entities: s.result?.entities.length,
              });
            });
          });
          seen.observe(document.documentElement, { attributes: true, attributeFilter: ["data-state"] });
          document.getElementById("annotate").click();
        }),
    );
  const first = await click();
  let settledMs = null;
  // (An engine from before the CPU-first change has no `auto` state to wait for.)
  if (backend === "auto" && (await page.evaluate(() => Boolean(window.annotatorPage.info?.auto)))) {
    const t0 = Date.now();
    await page.waitForFunction(() => window.annotatorPage.info?.auto?.state === "settled", null, { timeout: 120_000 });
    settledMs = Date.now() - t0;
  }
  const later = [];
  for (let i = 0; i < RUNS; i++) later.push(await click());
  const info = await page.evaluate(() => window.annotatorPage.info);
  await context.close();
  const med = (k) => +median(later.map((r) => r[k])).toFixed(1);
  return {
    backend, words: words(article), first, settledAfterFirstMs: settledMs, auto: info.auto ?? null,
    later: { annotateMsMedian: med("annotateMs"), clickToHighlightsMsMedian: med("clickToHighlightsMs"), backends: [...new Set(later.map((r) => r.backend))], all: later.map((r) => +r.annotateMs.toFixed(1)) },
  };
}

if (args.includes("--first-click")) {
  const target = opt("--article-words", 1500);
  let article = "";
  for (const d of conll ?? [sample, sample, sample, sample, sample, sample]) {
    if (words(article) >= target) break;
    article += (article ? "\n\n" : "") + d;
  }
  const server = await serve();
  const rows = [];
  let version = null;
  try {
    const gpuBrowser = await launch({ webgpu: true });
    version = gpuBrowser.version();
    for (const backend of ["auto", "webgpu"]) rows.push(await firstClick(gpuBrowser, backend, article, server));
    await gpuBrowser.close();
    const cpuBrowser = await launch({ webgpu: false });
    rows.push(await firstClick(cpuBrowser, "cpu", article, server));
    await cpuBrowser.close();
  } finally {
    await server.close();
  }
  const report = {
    chromium: `${CHROMIUM} (${version}), headless=new; WebGPU: SwiftShader (--enable-unsafe-webgpu) for auto and webgpu`,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model }, date: new Date().toISOString(), runs: RUNS,
    article: `${words(article)} words: ${conll ? "the first CoNLL-2003 test documents" : "the sample repeated"}`,
    rows,
  };
  console.log(JSON.stringify(report, null, 2));
  const f1 = (x) => (x == null ? "–" : `${x.toFixed(1)} ms`);
  console.log(["", "| backend | first click: annotate (page timing) | first click → highlights | later clicks: annotate (median) | later: click → highlights | auto settled after the first |", "|---|---:|---:|---:|---:|---|"]
    .concat(rows.map((r) => `| ${r.backend} | ${f1(r.first.annotateMs)} (${r.first.backend}) | ${f1(r.first.clickToHighlightsMs)} | ${f1(r.later.annotateMsMedian)} (${r.later.backends.join("/")}) | ${f1(r.later.clickToHighlightsMsMedian)} | ${r.auto ? `${r.settledAfterFirstMs} ms, ${r.auto.source}, GPU from ${r.auto.crossoverTokens ?? "never"}` : "–"} |`))
    .join("\n"));
  process.exit(0);
}

const tokens = withCompromise ? ourTokens() : null;
if (withCompromise && !tokens) console.error("bench: no annotate binary (ANNOTATE_BIN or target/release/annotate): tokens are whitespace words");
const loadBefore = loadavg().map((x) => +x.toFixed(2));
const server = await serveWithPeer();
const results = [];
let version = null;
try {
  const cpuBrowser = await launch({ webgpu: false });
  version = cpuBrowser.version();
  results.push(await measure(cpuBrowser, "cpu", withCompromise));
  await cpuBrowser.close();
  const gpuBrowser = await launch({ webgpu: true });
  results.push(await measure(gpuBrowser, "webgpu", withCompromise));
  results.push(await measure(gpuBrowser, "auto", false));
  await gpuBrowser.close();
} finally {
  await server.close();
}
const report = {
  chromium: `${CHROMIUM} (${version}), headless=new`,
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadavgBefore: loadBefore, loadavgAfter: loadavg().map((x) => +x.toFixed(2)) },
  date: new Date().toISOString(),
  runs: RUNS,
  sample: haveSeed ? "seed article" : "built-in sample",
  long: longSource,
  ...(withCompromise ? { compromise: { file: "bench/node_modules/compromise/builds/three/compromise-three.mjs", served: "same origin (127.0.0.1 test server)" }, tokens } : {}),
  results,
};
console.log(JSON.stringify(report, null, 2));

// The markdown table.
const fmt = (x) => (x == null ? "–" : Math.round(x).toLocaleString("en"));
const lines = ["", "| backend | page load → first annotation | model load | seed (worker) | long (worker) |", "|---|---:|---:|---:|---:|"];
for (const r of results) {
  if (r.error) {
    lines.push(`| ${r.backend} | error: ${r.error} | | | |`);
    continue;
  }
  const ran = [...new Set([r.sample.backend, r.long.backend])].join("/");
  const label = r.backend === ran ? r.backend : `${r.backend} (engine ${r.engine.backend}, ran on ${ran})`;
  lines.push(`| ${label} | ${fmt(r.pageLoadToFirstAnnotationMs)} ms | ${fmt(r.modelLoadMs)} ms | ${r.sample.annotateMsMedian} ms (${r.sample.words} words) | ${fmt(r.long.annotateMsMedian)} ms (${fmt(r.long.words)} words, ${fmt(r.long.wordsPerSecond)} words/s) |`);
}
const peers = results.filter((r) => r.vsCompromise);
if (peers.length) {
  lines.push("", `Same page, same thread, medians of ${RUNS} after a warm-up; tokens: ${tokens ? "our tokenizer" : "whitespace words"}.`, "");
  lines.push("| text | tokens | system | ms per text | tokens/s | wasm ÷ compromise (speed) |", "|---|---:|---|---:|---:|---:|");
  for (const r of peers) {
    for (const [name, t] of Object.entries(r.vsCompromise.texts)) {
      const what = name === "conll" ? `CoNLL test (${t.documents} docs)` : name === "seed" ? "seed article" : `${fmt(t.words)} words`;
      lines.push(`| ${what} | ${fmt(t.tokens)} | wasm ${t.wasm.backend} | ${t.wasm.msMedian} | ${fmt(t.wasm.tokensPerSecond)} | ${t.wasmOverCompromiseSpeed}× |`);
      lines.push(`| ${what} | ${fmt(t.tokens)} | compromise ${r.vsCompromise.compromise.version} (same page) | ${t.compromise.msMedian} | ${fmt(t.compromise.tokensPerSecond)} | |`);
    }
  }
}
console.log(lines.join("\n"));
