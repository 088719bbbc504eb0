#!/usr/bin/env node
// `npm run size`: what a browser downloads for the page, raw and gzipped (level 9, as served by
// scripts/serve.mjs), and the budget check: total gzip <= 2.0 MB (2,000,000 bytes; DESIGN.md §4: the
// download may grow to 2.0 MB where measured accuracy pays for it, and the README's size table says what
// each part buys).
//
// The weights (model/ner.aann, model/claims.aann) are embedded in the wasm module. Their share is measured, not
// guessed: the model's bytes are located inside the module, and the module is gzipped again with
// that region zeroed; the difference is what the weights cost gzipped, the rest is code.
//
//   node scripts/size.mjs [--json] [--budget BYTES]
// Exit 1 above the budget, 2 when the package is not built (npm run build).

import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const args = process.argv.slice(2);
const budgetArg = args.indexOf("--budget");
const BUDGET = budgetArg >= 0 ? Number(args[budgetArg + 1]) : 2_000_000;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const rel = (p) => p.slice(ROOT.length + 1);

const WASM = join(ROOT, "www/pkg/article_annotator_bg.wasm");
const GLUE = join(ROOT, "www/pkg/article_annotator.js");
// The entity tagger and the claim model, both embedded in the wasm module.
const MODELS = [join(ROOT, "model/ner.aann"), join(ROOT, "model/claims.aann")];
if (!existsSync(WASM) || !existsSync(GLUE)) {
  console.error("size: www/pkg is not built: run `npm run build` first");
  process.exit(2);
}

const listJs = (dir, pattern) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => join(ROOT, dir, f));

// What the page loads (the samples only on a click; type declarations never).
const groups = [
  { name: "wasm (code + weights)", files: [WASM] },
  { name: "JS: wasm-bindgen glue", files: [GLUE] },
  { name: "JS: shared (API, worker, highlight)", files: listJs("www/shared", /\.js$/) },
  { name: "page (html, css, js)", files: listJs("www/page", /\.(html|css|js)$/) },
];

const rows = [];
let totalRaw = 0;
let totalGz = 0;
for (const g of groups) {
  let raw = 0;
  let z = 0;
  for (const f of g.files) {
    const buf = readFileSync(f);
    raw += buf.length;
    z += gz(buf);
  }
  rows.push({ name: g.name, files: g.files.map(rel), raw, gzip: z });
  totalRaw += raw;
  totalGz += z;
}

// The weights' share of the wasm module: each model's bytes are zeroed in turn (cumulatively),
// and each one's share is what the gzipped module lost when its bytes went.
const wasm = readFileSync(WASM);
const wasmGz = gz(wasm);
const blanked = Buffer.from(wasm);
let previousGz = wasmGz;
const weights = [];
for (const path of MODELS.filter(existsSync)) {
  const model = readFileSync(path);
  const at = wasm.indexOf(model);
  if (at < 0) {
    weights.push({ file: rel(path), raw: model.length, gzip: gz(model), embedded: false });
    continue;
  }
  blanked.fill(0, at, at + model.length);
  const nowGz = gz(blanked);
  weights.push({ file: rel(path), raw: model.length, gzip: previousGz - nowGz, gzipStandalone: gz(model), embedded: true });
  previousGz = nowGz;
}
const code = { raw: wasm.length - weights.filter((w) => w.embedded).reduce((n, w) => n + w.raw, 0), gzip: previousGz };

const jsGz = rows.slice(1).reduce((s, r) => s + r.gzip, 0);
const jsRaw = rows.slice(1).reduce((s, r) => s + r.raw, 0);
const report = { budget: BUDGET, total: { raw: totalRaw, gzip: totalGz }, groups: rows, weights, code, js: { raw: jsRaw, gzip: jsGz }, withinBudget: totalGz <= BUDGET };

if (args.includes("--json")) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const kb = (n) => `${(n / 1000).toFixed(1).padStart(8)} kB`;
  const pct = (n) => `${((100 * n) / totalGz).toFixed(1).padStart(5)}%`;
  console.log(`${"".padEnd(40)}${"raw".padStart(11)}${"gzip".padStart(11)}  share of gzip`);
  for (const r of rows) console.log(`${r.name.padEnd(40)}${kb(r.raw)}${kb(r.gzip)}  ${pct(r.gzip)}`);
  for (const w of weights) {
    if (w.embedded) console.log(`  of the wasm: weights (${w.file})`.padEnd(40) + `${kb(w.raw)}${kb(w.gzip)}  ${pct(w.gzip)}`);
    else console.log(`  weights ${w.file} NOT found inside the wasm (stale build?); standalone: ${kb(w.raw)}${kb(w.gzip)}`);
  }
  console.log(`  of the wasm: code`.padEnd(40) + `${kb(code.raw)}${kb(code.gzip)}  ${pct(code.gzip)}`);
  console.log(`${"total".padEnd(40)}${kb(totalRaw)}${kb(totalGz)}`);
  console.log(`budget: ${(BUDGET / 1e6).toFixed(2)} MB gzip; ${totalGz <= BUDGET ? `OK, ${((BUDGET - totalGz) / 1000).toFixed(1)} kB left` : `OVER by ${((totalGz - BUDGET) / 1000).toFixed(1)} kB`}`);
}
for (const w of weights.filter((w) => !w.embedded)) console.error(`size: warning: ${w.file} is not the model embedded in www/pkg (rebuild with npm run build)`);
process.exit(totalGz <= BUDGET ? 0 : 1);
