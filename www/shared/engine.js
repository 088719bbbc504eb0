// The engine: the ONLY module that imports the generated wasm package (www/pkg, built by
// scripts/build-wasm.sh). It runs wherever the protocol host runs: a dedicated Web Worker for the
// page and the widget, the extension's service worker later. Everything about language is in Rust
// (src/web.rs is the other side of this boundary); this file loads the module, asks the browser
// about WebGPU (wgpu cannot read adapter details in the browser) and times each call.
//
// A panic in Rust traps the wasm instance ("RuntimeError: unreachable") and leaves it unusable.
// That is a bug, never expected, but the engine survives it: the failed request is rejected with
// the panic's message and the next request runs in a freshly instantiated module.

import init, { Engine } from "../pkg/article_annotator.js";

const WASM_URL = new URL("../pkg/article_annotator_bg.wasm", import.meta.url);
const GLUE_URL = new URL("../pkg/article_annotator.js", import.meta.url);
const PANIC_GLOBAL = "__articleAnnotatorPanic";

const now = () => (globalThis.performance ? performance.now() : Date.now());

let compiled = null; // Promise<WebAssembly.Module>, compiled once per worker
let generation = 0; // how many times the module was re-instantiated after a trap

function compile() {
  if (!compiled) {
    compiled = (async () => {
      const response = await fetch(WASM_URL);
      if (!response.ok) throw new Error(`cannot load the annotator (${response.status} ${WASM_URL.pathname})`);
      try {
        return await WebAssembly.compileStreaming(response.clone());
      } catch {
        // A server that does not send application/wasm: compile from the bytes instead.
        return WebAssembly.compile(await response.arrayBuffer());
      }
    })();
    compiled.catch(() => { compiled = null; });
  }
  return compiled;
}

/** The glue module of the current generation (a fresh module instance after a trap). */
async function glue() {
  const module = await compile();
  if (generation === 0) {
    await init({ module_or_path: module });
    return { Engine };
  }
  const fresh = await import(`${GLUE_URL.href}?instance=${generation}`);
  await fresh.default({ module_or_path: module });
  return { Engine: fresh.Engine };
}

/**
 * What the browser offers for WebGPU, asked once. wgpu reports no adapter details in the browser,
 * so the badge takes them from here: `{ available, adapter: {vendor, architecture, ...} | null, reason }`.
 */
let webgpuProbe = null;
export function probeWebGPU() {
  if (!webgpuProbe) {
    webgpuProbe = (async () => {
      const gpu = globalThis.navigator?.gpu;
      if (!gpu) return { available: false, adapter: null, reason: "no WebGPU in this browser" };
      try {
        const adapter = await gpu.requestAdapter();
        if (!adapter) return { available: false, adapter: null, reason: "no adapter" };
        const info = adapter.info ?? {};
        return {
          available: true,
          adapter: {
            vendor: info.vendor ?? "",
            architecture: info.architecture ?? "",
            description: info.description ?? "",
            isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
          },
          reason: null,
        };
      } catch (e) {
        return { available: false, adapter: null, reason: `adapter request failed: ${e?.message ?? e}` };
      }
    })();
  }
  return webgpuProbe;
}

/** Whether `e` is a trap of the wasm instance (a Rust panic, or a stack overflow). */
export function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError;
}

/** Forgets the current instance: the next createEngine() instantiates the module afresh. */
export function discardInstance() {
  generation += 1;
}

/** An Error for the caller: a trap becomes an "InternalError" with the panic's message. */
export function asError(e) {
  if (isTrap(e)) {
    const panic = globalThis[PANIC_GLOBAL];
    delete globalThis[PANIC_GLOBAL];
    const err = new Error(panic || `internal error: ${e.message}`);
    err.name = "InternalError";
    return err;
  }
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Creates an engine. `backend`: "auto" (default), "webgpu" or "cpu". Rejects with an Error for an
 * unknown backend or a forced backend that is not available.
 * Returns `{ info, annotate(text) }`; `annotate` resolves to the result object of the JS API.
 */
export async function createEngine({ backend = "auto" } = {}) {
  const started = now();
  const born = generation; // the module instance this engine lives in
  const [webgpu, api] = await Promise.all([probeWebGPU(), glue()]);
  let engine;
  try {
    engine = await api.Engine.create({ backend });
  } catch (e) {
    throw asError(e);
  }
  const loadMs = now() - started;
  const info = { ...engine.info, webgpu, loadMs };
  let broken = null;
  // A call that settles `auto`'s backend: errors as Errors, and `info` refreshed (the GPU may now
  // be acquired) whatever happened.
  async function settling(call) {
    if (broken) throw broken;
    try {
      return await call();
    } catch (e) {
      throw asError(e);
    } finally {
      Object.assign(info, engine.info);
    }
  }

  return {
    info,
    async annotate(text) {
      if (typeof text !== "string") throw new TypeError("annotate(text): text must be a string");
      if (broken) throw broken;
      if (born !== generation) throw new Error("the annotator restarted after an internal error: create it again");
      const t0 = now();
      let result;
      try {
        // Async in Rust (GPU readback is). A trap inside it happens in a microtask, outside this
        // `try`: worker.js catches it as an uncaught error and host.js fails this request.
        result = await engine.annotate(text);
      } catch (e) {
        const err = asError(e);
        if (err.name === "InternalError") {
          // The instance is dead: the next createEngine() builds a new one.
          broken = err;
          discardInstance();
        }
        throw err;
      }
      result.timings = { annotateMs: now() - t0 };
      result.webgpu = webgpu;
      return result;
    },
    /** `auto` only: measures the GPU (src/web.rs Engine.calibrate); rejects when none can serve. */
    calibrate: () => settling(() => engine.calibrate()),

    /** `auto` only: uses a stored calibration (acquires the GPU if it helps). */
    restoreCalibration: (calibration) => settling(() => engine.restoreCalibration(calibration)),

    /** True once its module instance is gone (a trap here or in another engine of this worker). */
    get broken() {
      return broken !== null || born !== generation;
    },
  };
}
