// The serving side of the one worker protocol, shared by every surface (page, widget, extension).
// worker.js binds it to a dedicated Web Worker; the extension's service worker will bind it to its
// message ports. client.js is the other side.
//
// Requests:  { id, type: "init",     backend? }            -> result: { info }
//            { id, type: "annotate", text, backend? }      -> result: { result }
// Replies:   { id, type: "status", phase, message, ... }   zero or more, before the end
//            { id, type: "result", ... }                   exactly one of these two ends a request
//            { id, type: "error",  error: { name, message } }
// Events:    { type: "backend", auto }                     no id: for every client of this host
// Requests are served one at a time, in order (the engine is single-threaded anyway); status
// replies say when a request waits behind others and when the model is loading.
//
// First result first: `auto` answers on the CPU until the GPU is measured. After an `auto`
// engine's first result, settle() runs outside the queue: the stored verdict (calibrations.js) or a
// calibration, then a "backend" event. Replies carry `auto` (annotator.d.ts, AutoChoice).

import { asError, createEngine, discardInstance, isTrap } from "./engine.js";
import { calibrationKey, recall, remember } from "./calibrations.js";

export const PROTOCOL_VERSION = 1;
const BACKENDS = new Set(["auto", "webgpu", "cpu"]);

/** `post(message)` sends a reply to the client. Returns `handle(request)`. */
export function createHost(post) {
  const engines = new Map(); // backend -> Promise<engine>
  let queue = Promise.resolve();
  let waiting = 0;
  let crash = null; // rejects the request in flight when the wasm instance traps asynchronously

  const autoStates = new WeakMap(); // engine -> its `auto` state (see the header)

  function autoState(engine) {
    let state = autoStates.get(engine);
    if (!state) {
      state = { state: "pending", crossoverTokens: null, source: null, reason: null, ms: null };
      autoStates.set(engine, state);
    }
    return state;
  }

  /** Chooses `auto`'s backend after its first result: a stored verdict, or a calibration now. */
  async function settle(engine) {
    const state = autoState(engine);
    if (state.state !== "pending") return;
    const t0 = now();
    const webgpu = engine.info.webgpu;
    const done = (fields) => {
      Object.assign(state, { state: "settled", ms: now() - t0 }, fields);
      post({ type: "backend", auto: { ...state }, info: { ...engine.info, auto: { ...state } } });
    };
    if (!webgpu?.available) return done({ source: "no-webgpu", reason: webgpu?.reason ?? "no WebGPU" });
    state.state = "calibrating";
    post({ type: "backend", auto: { ...state }, info: { ...engine.info, auto: { ...state } } });
    const key = calibrationKey(engine.info);
    try {
      const stored = await recall(key);
      if (stored) {
        await engine.restoreCalibration(stored);
        return done({ source: "remembered", crossoverTokens: stored.crossoverTokens });
      }
      const measured = await engine.calibrate();
      await remember(key, measured);
      done({ source: "measured", crossoverTokens: measured.crossoverTokens });
    } catch (e) {
      done({ source: "failed", crossoverTokens: null, reason: e?.message ?? String(e) });
    }
  }

  function engineFor(backend, id) {
    let pending = engines.get(backend);
    if (!pending) {
      post({ id, type: "status", phase: "loading", message: "Loading the model…" });
      pending = createEngine({ backend });
      engines.set(backend, pending);
      // A failed start is not cached: the next request tries again.
      pending.catch(() => engines.delete(backend));
    }
    return pending.then((engine) => {
      if (engine.broken) {
        engines.delete(backend);
        return engineFor(backend, id);
      }
      return engine;
    });
  }

  async function serve(request) {
    const { id, type } = request;
    const backend = request.backend ?? "auto";
    if (!BACKENDS.has(backend)) {
      throw new Error(`unknown backend ${JSON.stringify(backend)}: expected "auto", "webgpu" or "cpu"`);
    }
    const auto = (engine) => (backend === "auto" ? { ...autoState(engine) } : null);
    if (type === "init") {
      const engine = await engineFor(backend, id);
      post({ id, type: "result", info: { ...engine.info, auto: auto(engine) } });
    } else if (type === "annotate") {
      if (typeof request.text !== "string") throw new TypeError("annotate: text must be a string");
      const engine = await engineFor(backend, id);
      const words = countWords(request.text);
      post({ id, type: "status", phase: "annotating", words, message: `Annotating ${words.toLocaleString("en")} words…` });
      const result = await engine.annotate(request.text);
      result.words = words;
      result.auto = auto(engine);
      post({ id, type: "result", result });
      // After the reply has gone: the next macrotask, so the result is not held up by this.
      if (backend === "auto" && autoState(engine).state === "pending") setTimeout(() => settle(engine), 0);
    } else {
      throw new Error(`unknown request type ${JSON.stringify(type)}`);
    }
  }

  function handle(request) {
    const id = request?.id;
    if (waiting > 0) post({ id, type: "status", phase: "queued", ahead: waiting, message: "Waiting for the previous text…" });
    waiting += 1;
    const crashed = new Promise((_, reject) => {
      crash = reject;
    });
    queue = queue
      .then(() => Promise.race([serve(request ?? {}), crashed]))
      .catch((e) => {
        post({ id, type: "error", error: { name: e?.name ?? "Error", message: e?.message ?? String(e) } });
      })
      .finally(() => {
        waiting -= 1;
      });
    return queue;
  }

  /**
   * Call with an uncaught error of the hosting context (worker.js does). A wasm trap that escaped
   * an async call fails the request in flight and the engines restart; other errors are not ours.
   * Returns true when the error was handled.
   */
  handle.crash = (error) => {
    if (!isTrap(error)) return false;
    const reported = asError(error); // reads the panic message before anything else runs
    discardInstance();
    engines.clear();
    crash?.(reported);
    return true;
  };
  return handle;
}

const now = () => (globalThis.performance ? performance.now() : Date.now());

/** Whitespace-separated words: for status messages only (tokens are counted in Rust). */
function countWords(text) {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x3000;
    if (!space && !inWord) n += 1;
    inWord = !space;
  }
  return n;
}
