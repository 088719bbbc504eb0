// article-annotator's JS API (package.json "exports"["."]; types in annotator.d.ts):
//
//   import { createAnnotator } from "article-annotator";
//   const annotator = await createAnnotator({ backend: "auto", onBackend });   // "webgpu" | "cpu"
//   const result = await annotator.annotate(text);     // UTF-16 offsets; backend, fallback, timings
// "auto" answers on the CPU at once and measures the GPU after the first result; `onBackend(info)`
// hears when its choice (`info.auto`) changes.
//   annotator.highlight(element, result);               // and annotator.clear(element)
//   annotator.toWebAnnotations(result, { source: location.href });
//
// The engine runs in a Web Worker (one per page, shared by every annotator) unless `worker: false`.

import { AnnotatorClient, localTransport, sharedWorkerClient } from "./client.js";
import { clear, highlight, marksOf, setHidden, textOf } from "./highlight.js";
import { groupByCluster, toHTML, toWebAnnotations } from "./export.js";

export { LABELS, HIGHLIGHT_CSS, installStyles } from "./highlight.js";
export { groupByCluster, toHTML, toWebAnnotations, escapeHTML } from "./export.js";
export { highlight, clear, setHidden, textOf, marksOf };

const now = () => performance.now();

export async function createAnnotator({ backend = "auto", worker = true, workerUrl, onStatus, onBackend } = {}) {
  const started = now();
  const client = worker ? sharedWorkerClient(workerUrl) : new AnnotatorClient(await localTransport());
  let info = null;
  const stopListening = client.onEvent((event) => {
    if (event.type !== "backend" || backend !== "auto" || !info) return;
    Object.assign(info, event.info);
    onBackend?.(info);
  });
  try {
    ({ info } = await client.request("init", { backend }, onStatus));
  } catch (e) {
    stopListening();
    throw e;
  }
  info.readyMs = now() - started;

  return {
    /** What runs: `{ model, requested, backend, fallback, webgpu, auto, loadMs, readyMs, version }`. */
    info,

    /** Annotates `text`. `onStatus` receives `{ phase, message, ... }` while it waits and works. */
    async annotate(text, { onStatus: onAnnotateStatus } = {}) {
      if (typeof text !== "string") throw new TypeError("annotate(text): text must be a string");
      const t0 = now();
      const { result } = await client.request("annotate", { text, backend }, onAnnotateStatus ?? onStatus);
      result.timings = { ...result.timings, roundTripMs: now() - t0 };
      return result;
    },

    highlight: (element, result) => highlight(element, result),
    clear: (element) => clear(element),
    setHidden: (element, labels) => setHidden(element, labels),
    textOf: (element) => textOf(element),
    toWebAnnotations: (result, options) => toWebAnnotations(result, options),
    toHTML: (text, result, options) => toHTML(text, result, options),
    groupByCluster: (result) => groupByCluster(result),

    /** Stops this annotator's own engine (`worker: false`); the shared worker stays for the others. */
    close() {
      stopListening();
      if (!worker) client.terminate();
    },
  };
}
