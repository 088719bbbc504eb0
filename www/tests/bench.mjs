#!/usr/bin/env node
// Browser timings (`npm run bench:browser`), in Debian's Chromium, on the page as users get it:
//   - page load to first annotation (navigation start -> highlights drawn, ?sample=...)
//   - annotate time in the worker for the seed article (or the built-in sample) and for a
//     ~10,000-word text, per backend: cpu (wasm) and webgpu (Chromium's SwiftShader here)
// Prints one JSON document. Options: --runs N (default 5), --words N (default 10000).

import { readFileSync, existsSync } from "node:fs";
import { launch, openPage, serve } from "./harness.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const RUNS = opt("--runs", 5);
const WORDS = opt("--words", 10_000);

const seedPath = new URL("../../../shared/data/articles/seed.json", import.meta.url);
const haveSeed = existsSync(seedPath);
const sample = haveSeed ? JSON.parse(readFileSync(seedPath, "utf8")).text : readFileSync(new URL("../page/sample.txt", import.meta.url), "utf8");
const words = (t) => t.split(/\s+/).filter(Boolean).length;
let long = "";
while (words(long) < WORDS) long += (long ? "\n\n" : "") + sample;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(browser, backend) {
  const out = { backend };
  const { page, context } = await openPage(browser);
  await page.goto(`${server.url}page/?sample=${haveSeed ? "seed" : "builtin"}&backend=${backend}`);
  await page.waitForFunction(() => ["done", "error"].includes(document.documentElement.dataset.state), null, { timeout: 120_000 });
  const first = await page.evaluate(() => ({ state: document.documentElement.dataset.state, t: window.annotatorPage.timings, info: window.annotatorPage.info, error: document.getElementById("error").textContent }));
  if (first.state !== "done") {
    await context.close();
    return { backend, error: first.error };
  }
  out.engine = { backend: first.info.backend, fallback: first.info.fallback, adapter: first.info.webgpu?.adapter ?? null };
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
  await context.close();
  return out;
}

const server = await serve();
const results = [];
try {
  const cpuBrowser = await launch({ webgpu: false });
  results.push(await measure(cpuBrowser, "cpu"));
  await cpuBrowser.close();
  const gpuBrowser = await launch({ webgpu: true });
  results.push(await measure(gpuBrowser, "webgpu"));
  results.push(await measure(gpuBrowser, "auto"));
  await gpuBrowser.close();
} finally {
  await server.close();
}
console.log(JSON.stringify({ chromium: "/usr/bin/chromium (Debian), headless=new", runs: RUNS, sample: haveSeed ? "seed article" : "built-in sample", results }, null, 2));
