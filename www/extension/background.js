// The extension's module service worker: it hosts the engine (wasm) for every tab.
//
// Why here and not in the content script: a content script's wasm obeys the PAGE's CSP, so a page
// with `script-src 'self'` would block the engine. Extension pages and this worker follow the
// manifest's CSP instead, which allows 'wasm-unsafe-eval'. Service workers cannot start dedicated
// Workers, so the engine runs in this thread, behind the same protocol host (../shared/host.js) the
// page's worker uses; engine.js finds the wasm with `new URL("../pkg/…", import.meta.url)`, which is
// a chrome-extension:// URL here, fetched from the package (no network).
//
// Progress replies are not forwarded: texts are article-sized.
//
// Messages (chrome.runtime.sendMessage from the content script; nothing reaches this from web pages):
//   { type: "aa:annotate-text", text }  ->  { ok: true, result } | { ok: false, error: { name, message } }
//
// Static imports only: import() is not allowed in service workers. (After a Rust panic engine.js
// re-imports its glue dynamically, which fails here; the request gets an error, and the engine
// works again once Chrome restarts this idle worker.)

import { createHost } from "./shared/host.js";
import { AnnotatorClient, hostTransport } from "./shared/client.js";

// The same client as the page's, over a host in this thread (no Worker in a service worker).
const transport = hostTransport(createHost);
const client = new AnnotatorClient(transport);

// A wasm trap escapes every `try` (it happens in a microtask): fail the request in flight.
self.addEventListener("error", (event) => {
  if (transport.crash(event.error)) event.preventDefault();
});
self.addEventListener("unhandledrejection", (event) => {
  if (transport.crash(event.reason)) event.preventDefault();
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type !== "aa:annotate-text") return false;
  if (typeof message.text !== "string") {
    sendResponse({ ok: false, error: { name: "TypeError", message: "text must be a string" } });
    return false;
  }
  // auto, as the page: the first text on the CPU at once, the GPU measured after it (host.js);
  // each result carries `auto`, which the popup's badge reads.
  client.request("annotate", { text: message.text, backend: "auto" }).then(
    ({ result }) => sendResponse({ ok: true, result }),
    (error) => sendResponse({ ok: false, error: { name: error?.name ?? "Error", message: error?.message ?? String(error) } }),
  );
  return true; // the answer comes asynchronously
});
