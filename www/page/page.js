// The static page: text in (paste, file, drop, samples), highlights and lists out. The engine runs in
// the shared Web Worker (../shared/client.js); this file only moves text and draws. Article text is
// only ever placed in the DOM as text (textContent, text nodes): never parsed as HTML.
//
// URL parameters: ?backend=auto|webgpu|cpu  ?sample=seed|builtin (annotate a sample at once).
// Tests and benchmarks read `window.annotatorPage` and <html data-state="...">.

import { describeBackend } from "../shared/backend-label.js";
import { h, nextMention, renderLists } from "../shared/cluster-list.js";
import { createAnnotator, LABELS, highlight, marksOf, setHidden, textOf, toHTML, toWebAnnotations } from "../shared/annotator.js";

const $ = (id) => document.getElementById(id);
const els = {
  badge: $("badge"), timings: $("timings"), text: $("text"), annotate: $("annotate"), file: $("file"),
  seed: $("sample-seed"), builtin: $("sample-builtin"), backend: $("backend"), progress: $("progress"),
  progressText: $("progress-text"), error: $("error"), input: $("input"), result: $("result"),
  legend: $("legend"), showLabels: $("show-labels"), article: $("article"), edit: $("edit"),
  exportJson: $("export-json"), exportHtml: $("export-html"), dropzone: $("dropzone"),
};

const params = new URLSearchParams(location.search);
const state = {
  backend: ["auto", "webgpu", "cpu"].includes(params.get("backend")) ? params.get("backend") : "auto",
  annotator: null,
  annotatorFor: null,
  info: null,
  text: "",
  title: "",
  result: null,
  hidden: new Set(),
  cursor: new Map(), // cluster -> index of the mention the list last jumped to
  firstAnnotationMs: null,
  timings: null,
};
window.annotatorPage = state;
els.backend.value = state.backend;

const setState = (s) => {
  document.documentElement.dataset.state = s;
};

function showError(message) {
  els.error.textContent = message;
  els.error.hidden = !message;
}

// ---- the engine ---------------------------------------------------------------------------------

/** The badge for an engine info or a result, with `auto`'s current choice (backend-label.js). */
function showBadge(r) {
  const { label, detail } = describeBackend(r, state.info);
  els.badge.textContent = label;
  els.badge.title = `${detail}\nModel: ${r.model ?? state.info?.model ?? "?"}`;
  els.badge.dataset.backend = r.backend;
  els.badge.dataset.fallback = r.fallback ?? "";
  els.badge.dataset.auto = state.info?.auto?.state ?? "";
  els.badge.classList.toggle("gpu", r.backend === "webgpu");
}

/** `auto` settled (or started measuring) in the background: the badge says what answers next. */
function onBackend(info) {
  if (state.annotatorFor !== "auto") return; // an earlier annotator's news
  state.info = info;
  showBadge(state.result ?? info);
}

async function annotatorFor(backend) {
  if (state.annotator && state.annotatorFor === backend) return state.annotator;
  els.badge.textContent = "Loading the model…";
  state.annotator = null;
  const annotator = await createAnnotator({ backend, onStatus, onBackend });
  state.annotator = annotator;
  state.annotatorFor = backend;
  state.info = annotator.info;
  showBadge(annotator.info);
  return annotator;
}

// ---- progress ----------------------------------------------------------------------------------

let progressTimer = 0;
let progressStarted = 0;
function onStatus(status) {
  els.progressText.textContent = status.message ?? "";
}
function startProgress(message) {
  progressStarted = performance.now();
  els.progressText.textContent = message;
  clearInterval(progressTimer);
  // Short texts finish before the bar would be worth showing; long ones show it with the elapsed time.
  progressTimer = setInterval(() => {
    const s = (performance.now() - progressStarted) / 1000;
    if (s > 0.25) els.progress.hidden = false;
    const base = els.progressText.textContent.replace(/ \(\d+(\.\d)? s\)$/, "");
    els.progressText.textContent = `${base} (${s.toFixed(1)} s)`;
  }, 100);
}
function stopProgress() {
  clearInterval(progressTimer);
  els.progress.hidden = true;
}

// ---- annotate and draw -------------------------------------------------------------------------

async function annotate(text, { title = "" } = {}) {
  showError("");
  if (!text.trim()) {
    showError("There is no text to annotate: paste an article, open a file or choose a sample.");
    els.text.focus();
    return;
  }
  setState("annotating");
  els.annotate.disabled = true;
  startProgress("Starting the annotator…");
  try {
    const annotator = await annotatorFor(els.backend.value);
    els.progressText.textContent = "Annotating…";
    const result = await annotator.annotate(text);
    const t0 = performance.now();
    state.text = text;
    state.title = title || firstLine(text);
    state.result = result;
    state.cursor.clear();
    render(result);
    const highlightMs = performance.now() - t0;
    if (state.firstAnnotationMs === null) state.firstAnnotationMs = performance.now();
    state.timings = { ...result.timings, highlightMs, loadMs: state.info.loadMs, readyMs: state.info.readyMs, firstAnnotationMs: state.firstAnnotationMs };
    showBadge(result);
    showTimings(result, highlightMs);
    setState("done");
  } catch (e) {
    showError(`Could not annotate: ${e.message}`);
    setState("error");
    if (state.info) showBadge(state.info);
    else els.badge.textContent = "Annotator unavailable";
  } finally {
    stopProgress();
    els.annotate.disabled = false;
  }
}

function firstLine(text) {
  const line = text.trim().split("\n", 1)[0] ?? "";
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

const ms = (x) => (x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
function showTimings(result, highlightMs) {
  const parts = [
    `${result.words.toLocaleString("en")} words`,
    `annotate ${ms(result.timings.annotateMs)}`,
    `highlight ${ms(highlightMs)}`,
    `model load ${ms(state.info.loadMs)}`,
    `first result ${ms(state.firstAnnotationMs)} after page load`,
  ];
  els.timings.textContent = parts.join(" · ");
  els.timings.title = `Round trip through the worker: ${ms(result.timings.roundTripMs)}`;
}

function render(result) {
  const article = els.article;
  article.replaceChildren(document.createTextNode(state.text));
  const report = highlight(article, result);
  if (report.skipped) console.warn(`article-annotator: ${report.skipped} spans did not match the text`);
  for (const mark of marksOf(article)) mark.tabIndex = -1; // focusable from the lists, not a tab stop each
  renderLegend(result);
  setHidden(article, state.hidden);
  showLists(result);
  els.input.hidden = true;
  els.result.hidden = false;
  article.focus({ preventScroll: true });
  window.scrollTo({ top: 0 });
}

function renderLegend(result) {
  const counts = { CLAIM: result.claims.length };
  for (const e of result.entities) counts[e.label] = (counts[e.label] ?? 0) + 1;
  const items = [...Object.entries(LABELS).filter(([l]) => l !== "MISC" || counts.MISC), ["CLAIM", { name: "Claims" }]];
  const legend = els.legend.querySelector("legend");
  els.legend.replaceChildren(legend);
  for (const [label, { name }] of items) {
    const input = h("input", { type: "checkbox", dataset: { label } });
    input.checked = !state.hidden.has(label);
    input.addEventListener("change", () => {
      if (input.checked) state.hidden.delete(label);
      else state.hidden.add(label);
      setHidden(els.article, state.hidden);
    });
    els.legend.append(h("label", { class: "toggle" }, input, h("span", { class: "swatch", dataset: { label } }), ` ${name} (${counts[label] ?? 0})`));
  }
}

/** The lists beside the article (../shared/cluster-list.js): press a name for its next mention, a claim for it. */
function showLists(result) {
  const lists = { CLAIM: { list: $("list-claims"), count: $("count-claims") } };
  for (const label of ["PER", "ORG", "LOC"]) lists[label] = { list: $(`list-${label}`), count: $(`count-${label}`) };
  renderLists(result, lists, {
    onCluster: (group) => jumpTo(marksOf(els.article, { entity: nextMention(state.cursor, group) })),
    onClaim: (index) => jumpTo(marksOf(els.article, { claim: index })),
  });
}

function jumpTo(marks) {
  for (const m of els.article.querySelectorAll(".aa-current")) m.classList.remove("aa-current");
  if (!marks.length) return;
  for (const m of marks) m.classList.add("aa-current");
  marks[0].scrollIntoView({ block: "center", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  marks[0].focus({ preventScroll: true });
}

// ---- input: paste, files, drop, samples ------------------------------------------------------------

/**
 * Renames event-handler attributes (on*) in the start tags of `source`; text is untouched. DOMParser
 * documents never run scripts, but Chromium checks each handler attribute against the page's CSP as it
 * parses and logs a violation: renamed, they are plain data. One linear pass (no regex backtracking).
 */
export function inertHandlers(source) {
  const n = source.length;
  const space = (c) => c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\f";
  let out = "";
  let i = 0;
  while (i < n) {
    const lt = source.indexOf("<", i);
    if (lt < 0) {
      out += source.slice(i);
      break;
    }
    out += source.slice(i, lt);
    i = lt + 1;
    out += "<";
    if (!/[a-zA-Z]/.test(source[i] ?? "")) continue; // not a start tag
    while (i < n && !space(source[i]) && source[i] !== "/" && source[i] !== ">") out += source[i++];
    while (i < n && source[i] !== ">") {
      const c = source[i];
      if (space(c) || c === "/") {
        out += c;
        i += 1;
        continue;
      }
      let k = i;
      while (k < n && !space(source[k]) && source[k] !== "/" && source[k] !== ">" && source[k] !== "=") k++;
      if (k === i) k = i + 1; // a stray "=": copy it
      const name = source.slice(i, k);
      out += /^on/i.test(name) ? `data-inert-${name}` : name;
      i = k;
      let m = i;
      while (m < n && space(source[m])) m++;
      if (source[m] !== "=") continue;
      m += 1;
      while (m < n && space(source[m])) m++;
      let end = m;
      if (source[m] === '"' || source[m] === "'") {
        const close = source.indexOf(source[m], m + 1);
        end = close < 0 ? n : close + 1;
      } else {
        while (end < n && !space(source[end]) && source[end] !== ">") end++;
      }
      out += source.slice(i, end);
      i = end;
    }
  }
  return out;
}

/** Text of an HTML file: the article (or main, or body) without scripts, navigation and the like. Parsed inert. */
function textOfHtml(source) {
  const doc = new DOMParser().parseFromString(inertHandlers(source), "text/html");
  for (const el of doc.querySelectorAll("script, style, noscript, template, nav, header > nav, footer, aside, form, iframe")) el.remove();
  const root = doc.querySelector("article") ?? doc.querySelector("main") ?? doc.body;
  const text = root ? textOf(root) : "";
  const title = doc.querySelector("h1")?.textContent?.trim() || doc.title || "";
  return { text: text.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim(), title };
}

const MAX_FILE = 20 * 1024 * 1024;
async function openFile(file) {
  showError("");
  if (!file) return;
  if (file.size > MAX_FILE) {
    showError(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB: files up to 20 MB can be annotated.`);
    return;
  }
  const isHtml = /\.html?$/i.test(file.name) || file.type === "text/html";
  const isText = /\.(txt|text|md)$/i.test(file.name) || file.type.startsWith("text/");
  if (!isHtml && !isText) {
    showError(`${file.name}: open a .txt or .html file.`);
    return;
  }
  const content = await file.text();
  const { text, title } = isHtml ? textOfHtml(content) : { text: content, title: "" };
  els.text.value = text;
  await annotate(text, { title: title || file.name });
}

async function loadSeed() {
  const res = await fetch(new URL("../samples/seed.json", location.href));
  if (!res.ok) throw new Error(`the seed article is not available (${res.status})`);
  const seed = await res.json();
  if (typeof seed?.text !== "string") throw new Error("the seed article has no text");
  return seed.text;
}

async function loadBuiltin() {
  const res = await fetch(new URL("sample.txt", import.meta.url));
  if (!res.ok) throw new Error(`the sample article is not available (${res.status})`);
  return res.text();
}

async function useSample(kind) {
  try {
    const text = kind === "seed" ? await loadSeed() : await loadBuiltin();
    els.text.value = text;
    await annotate(text, { title: kind === "seed" ? "Seed article" : "Sample article" });
  } catch (e) {
    showError(e.message);
  }
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const slug = () => (state.title || "article").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 60) || "article";

// ---- wiring ------------------------------------------------------------------------------------

els.annotate.addEventListener("click", () => annotate(els.text.value));
els.text.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    annotate(els.text.value);
  }
});
els.file.addEventListener("change", () => {
  openFile(els.file.files?.[0]);
  els.file.value = "";
});
els.seed.addEventListener("click", () => useSample("seed"));
els.builtin.addEventListener("click", () => useSample("builtin"));
els.backend.addEventListener("change", () => {
  const url = new URL(location.href);
  url.searchParams.set("backend", els.backend.value);
  history.replaceState(null, "", url);
  annotatorFor(els.backend.value).catch((e) => {
    showError(e.message);
    els.badge.textContent = "Annotator unavailable";
  });
});
els.showLabels.addEventListener("change", () => els.article.toggleAttribute("data-aa-show-labels", els.showLabels.checked));
els.edit.addEventListener("click", backToText);
els.exportJson.addEventListener("click", () => {
  if (!state.result) return;
  const source = `urn:article-annotator:${slug()}`;
  download(`${slug()}.annotations.jsonld`, "application/ld+json", JSON.stringify(toWebAnnotations(state.result, { source }), null, 2));
});
els.exportHtml.addEventListener("click", () => {
  if (!state.result) return;
  download(`${slug()}.annotated.html`, "text/html", toHTML(state.text, state.result, { title: state.title }));
});
els.article.addEventListener("click", (e) => {
  const mark = e.target.closest?.("aa-mark[data-kind=entity]");
  if (mark) {
    const cluster = mark.dataset.cluster;
    const button = document.querySelector(`li[data-cluster="${cluster}"] > button.jump`);
    button?.focus();
  }
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !els.result.hidden) backToText();
});

function backToText() {
  els.result.hidden = true;
  els.input.hidden = false;
  els.text.focus();
}

// Drop a file (or text) anywhere.
let dragDepth = 0;
const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].some((t) => t === "Files" || t === "text/plain");
document.addEventListener("dragenter", (e) => {
  if (!hasFiles(e)) return;
  dragDepth += 1;
  els.dropzone.hidden = false;
});
document.addEventListener("dragleave", () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (!dragDepth) els.dropzone.hidden = true;
});
document.addEventListener("dragover", (e) => {
  if (hasFiles(e)) e.preventDefault();
});
document.addEventListener("drop", (e) => {
  e.preventDefault();
  dragDepth = 0;
  els.dropzone.hidden = true;
  const file = e.dataTransfer?.files?.[0];
  if (file) openFile(file);
  else {
    const text = e.dataTransfer?.getData("text/plain");
    if (text) {
      els.text.value = text;
      annotate(text);
    }
  }
});

// ---- start ------------------------------------------------------------------------------------------

// Offline: a service worker keeps the page, the engine and the samples for the next visit.
if ("serviceWorker" in navigator && params.get("sw") !== "0") {
  navigator.serviceWorker.register(new URL("../sw.js", import.meta.url), { scope: "../" }).catch((e) => {
    console.warn("article-annotator: offline support unavailable:", e.message);
  });
}

// The seed article is offered when the server has it (scripts/serve.mjs reads ../shared in place).
fetch(new URL("../samples/index.json", location.href))
  .then((r) => (r.ok ? r.json() : { samples: [] }))
  .then(({ samples }) => {
    els.seed.hidden = !samples?.some((s) => s.id === "seed");
  })
  .catch(() => {});

setState("loading");
// A sample asked for in the URL starts only once the engine is up: starting it after a failed
// start would clear the error the page is showing.
annotatorFor(state.backend).then(
  () => {
    setState("ready");
    const sample = params.get("sample");
    if (sample === "seed" || sample === "builtin") useSample(sample);
  },
  (e) => {
    showError(`The annotator could not start: ${e.message}`);
    els.badge.textContent = "Annotator unavailable";
    setState("error");
  },
);
