// compromise as a peer for bench/run.sh: node bench/compromise_peer.mjs DOCS.json OUT.json
//
// Reads the documents bench/peers.py rebuilt (byte-identical text for every system), runs
// nlp(text).people() / .organizations() / .places() on each, and writes the spans (UTF-16 offsets,
// JavaScript's own) with timing. Spans come from the first and last term's offsets: the match's own
// offset is skewed after an opening quote and includes trailing punctuation.
// people -> PER, organizations -> ORG, places -> LOC. Scoring is done by bench/peers.py.
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [docsPath, outPath] = process.argv.slice(2);
const docs = JSON.parse(readFileSync(docsPath, "utf8"));
const texts = docs.map((d) => d.text);

const t0 = performance.now();
const { default: nlp } = await import("compromise"); // builds its lexicon on import
const loadMs = performance.now() - t0;
const pkg = JSON.parse(readFileSync(new URL("./node_modules/compromise/package.json", import.meta.url), "utf8"));

function spansOf(doc, method, label, out) {
  for (const m of doc[method]().json({ offset: true })) {
    const terms = m.terms;
    if (!terms || terms.length === 0) continue;
    const first = terms[0].offset;
    const last = terms[terms.length - 1].offset;
    out.push([first.start, last.start + last.length, label]);
  }
}

function annotate(text) {
  const doc = nlp(text);
  const out = [];
  spansOf(doc, "people", "PER", out);
  spansOf(doc, "organizations", "ORG", out);
  spansOf(doc, "places", "LOC", out);
  return out;
}

for (const t of texts.slice(0, 3)) annotate(t); // warm-up, untimed

const minSeconds = 2;
let rounds = 0;
let spans = null;
const start = performance.now();
while (rounds < 1 || performance.now() - start < minSeconds * 1000) {
  spans = texts.map(annotate);
  rounds += 1;
}
const seconds = (performance.now() - start) / 1000;

writeFileSync(
  outPath,
  JSON.stringify({
    system: `compromise ${pkg.version} (node ${process.version})`,
    offsets: "utf16",
    spans,
    timing: {
      rounds,
      seconds,
      ms_per_round: (seconds * 1000) / rounds,
      model_load_ms: loadMs,
      peak_memory_kib: process.resourceUsage().maxRSS, // KiB
      threads: 1,
    },
  }),
);
