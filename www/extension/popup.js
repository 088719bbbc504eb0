// The toolbar popup: on/off for this site, categories, the summary of the content script's result
// and the export. Opening it is the user's request to annotate the page (the activeTab grant lets
// it inject the content script); the engine runs in the service worker, never here.
//
// The tab: `?tab=<id>` when given (the tests open this page in a tab of its own), else the active
// tab of the current window (the real popup). Tests read `window.aaPopup` and <html data-state>.
//
// Storage (chrome.storage.local): "hidden": labels hidden everywhere (["ORG", "CLAIM"]);
// "site:<origin>": false when the user switched the annotator off for that site (on by default).

import { LABELS } from "./shared/highlight.js";
import { toWebAnnotations } from "./shared/export.js";
import { describeBackend } from "./shared/backend-label.js";
import { renderLists } from "./shared/cluster-list.js";

const CONTENT_SCRIPTS = ["content/highlight.js", "content/article.js", "content/content.js"];
const $ = (id) => document.getElementById(id);
const state = { tabId: null, tab: null, site: null, hidden: [], snapshot: null };
window.aaPopup = state;

const setState = (s) => (document.documentElement.dataset.state = s);

function say(message, isError = false) {
  $("status").textContent = message;
  $("status").classList.toggle("error", isError);
}

function el(tag, text, props = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return Object.assign(e, props);
}

async function targetTab() {
  const param = new URLSearchParams(location.search).get("tab");
  if (param) return chrome.tabs.get(Number(param));
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

const siteKey = () => `site:${state.site}`;

function send(message) {
  return chrome.tabs.sendMessage(state.tabId, { ...message, hidden: state.hidden });
}

function render(snapshot) {
  state.snapshot = snapshot;
  const result = snapshot?.result;
  $("summary").hidden = !result;
  $("export").disabled = !result;
  if (!snapshot) {
    say("The page did not answer: reload it and open the annotator again.", true);
    return setState("error");
  }
  if (!snapshot.enabled) {
    say(`Off for ${state.site}. Switch it on to annotate this page.`);
    $("engine").textContent = "";
    return setState("off");
  }
  if (snapshot.error || !result) {
    say(snapshot.error ?? "Nothing annotated.", Boolean(snapshot.error));
    return setState("error");
  }
  const sections = [...document.querySelectorAll("#summary section[data-label]")];
  const lists = Object.fromEntries(sections.map((s) => [s.dataset.label, { list: s.querySelector("ul, ol"), count: s.querySelector(".count") }]));
  const counts = renderLists(result, lists, {
    form: "compact",
    onCluster: (group) => send({ type: "aa:reveal", mentions: group.mentions }).catch(() => {}),
  });
  document.querySelector("#summary section[data-label=MISC]").hidden = !counts.MISC;
  const words = (result.words ?? 0).toLocaleString("en");
  say(`${result.entities.length} mentions and ${(result.claims ?? []).length} claims in ${words} words.`);
  const { short, detail } = describeBackend(result);
  $("engine").textContent = `${short} · ${Math.round(result.timings?.annotateMs ?? 0)} ms`;
  $("engine").title = `${detail}\nModel: ${result.model ?? "?"}`;
  $("engine").dataset.backend = result.backend;
  $("engine").dataset.auto = result.auto?.state ?? "";
  setState("done");
}

async function annotate() {
  setState("loading");
  say("Annotating…");
  render(await send({ type: "aa:annotate" }));
}

/** An event handler whose failure is shown, not left as an unhandled rejection. */
const guarded = (fn) => (event) =>
  Promise.resolve(fn(event)).catch((e) => {
    say(`The annotator failed: ${e?.message ?? e}`, true);
    setState("error");
  });

function exportJson() {
  const { result, source } = state.snapshot;
  const json = JSON.stringify(toWebAnnotations(result, { source }), null, 2);
  const url = URL.createObjectURL(new Blob([json], { type: "application/ld+json" }));
  const a = el("a", undefined, { href: url, download: `annotations-${new URL(source).hostname || "page"}.jsonld` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function main() {
  setState("loading");
  for (const label of document.querySelectorAll("[data-label]")) {
    const colour = LABELS[label.dataset.label]?.colour;
    if (colour) label.style.setProperty("--colour", colour);
  }
  state.tab = await targetTab();
  state.tabId = state.tab?.id ?? null;
  const url = state.tab?.url ? new URL(state.tab.url) : null;
  if (!url || !/^(https?|file):$/.test(url.protocol)) {
    say("This page cannot be annotated (only web pages can).", true);
    return setState("unavailable");
  }
  state.site = url.protocol === "file:" ? "file://" : url.origin;
  $("site").textContent = url.protocol === "file:" ? "local files" : url.host;
  const stored = await chrome.storage.local.get(["hidden", siteKey()]);
  state.hidden = Array.isArray(stored.hidden) ? stored.hidden : [];
  const on = stored[siteKey()] !== false;
  for (const box of document.querySelectorAll("#categories input")) box.checked = !state.hidden.includes(box.value);
  $("site-on").checked = on;

  try {
    await chrome.scripting.executeScript({ target: { tabId: state.tabId }, files: CONTENT_SCRIPTS });
  } catch (e) {
    say(`This page cannot be annotated: ${e.message}`, true);
    return setState("unavailable");
  }
  $("site-on").disabled = false;
  chrome.runtime.onMessage.addListener((message, sender) => {
    if (message?.type === "aa:updated" && sender.tab?.id === state.tabId) render(message.snapshot);
    return false;
  });
  $("site-on").addEventListener("change", guarded(async (event) => {
    const enabled = event.target.checked;
    await chrome.storage.local.set({ [siteKey()]: enabled });
    if (enabled) await annotate();
    else render(await send({ type: "aa:clear" }));
  }));
  $("categories").addEventListener("change", guarded(async () => {
    state.hidden = [...document.querySelectorAll("#categories input")].filter((b) => !b.checked).map((b) => b.value);
    await chrome.storage.local.set({ hidden: state.hidden });
    await send({ type: "aa:hidden" });
  }));
  $("export").addEventListener("click", guarded(exportJson));
  if (on) await annotate();
  else render(await send({ type: "aa:clear" }));
}

main().catch((e) => {
  say(`The annotator failed: ${e?.message ?? e}`, true);
  setState("error");
});
