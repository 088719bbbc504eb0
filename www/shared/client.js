// The requesting side of the worker protocol (host.js documents the messages). One client per
// transport; `sharedWorkerClient()` gives every caller on a page the same worker, so two widgets
// (or a page and a widget) load the model once.
//
// A transport is anything with `postMessage(message)` and `addEventListener("message", fn)`:
// a Worker, a MessagePort, or `localTransport()` below (the engine in this same thread, for
// contexts that cannot start a Worker, such as an extension's service worker).

export class AnnotatorClient {
  #transport;
  #pending = new Map(); // id -> { resolve, reject, onStatus }
  #nextId = 1;
  #failed = null;
  #listeners = new Set(); // fn(event) for the host's events (messages without an id)

  constructor(transport) {
    this.#transport = transport;
    transport.addEventListener("message", (event) => this.#receive(event.data));
    // A Worker reports a script that failed to load, or an error nothing caught, here.
    transport.addEventListener("error", (event) => {
      event.preventDefault?.();
      const message = event.message || "the annotator worker failed to start";
      this.fail(new Error(message));
    });
    transport.addEventListener("messageerror", () => this.fail(new Error("a message from the annotator could not be read")));
  }

  /** Whether the transport died; a dead client rejects every request (the shared one is replaced). */
  get failed() {
    return this.#failed !== null;
  }

  /** Sends `{type, ...payload}`; resolves with the result reply, rejects with an Error. */
  request(type, payload = {}, onStatus = null) {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onStatus });
      try {
        this.#transport.postMessage({ ...payload, id, type });
      } catch (e) {
        this.#pending.delete(id);
        reject(e);
      }
    });
  }

  /** Rejects every request in flight and all later ones. */
  fail(error) {
    this.#failed ??= error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }

  /** Calls `fn(event)` for each event of the host (`{ type: "backend", auto, info }`); returns an unsubscribe. */
  onEvent(fn) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  terminate() {
    this.fail(new Error("the annotator was closed"));
    this.#transport.terminate?.();
  }

  #receive(message) {
    if (message && message.id === undefined && typeof message.type === "string") {
      for (const fn of this.#listeners) {
        try {
          fn(message);
        } catch (e) {
          console.warn("article-annotator: an event listener threw", e);
        }
      }
      return;
    }
    const entry = this.#pending.get(message?.id);
    if (!entry) return;
    if (message.type === "status") {
      try {
        entry.onStatus?.(message);
      } catch (e) {
        console.warn("article-annotator: onStatus threw", e);
      }
      return;
    }
    this.#pending.delete(message.id);
    if (message.type === "result") {
      entry.resolve(message);
    } else {
      const err = new Error(message.error?.message ?? "the annotator failed");
      err.name = message.error?.name ?? "Error";
      entry.reject(err);
    }
  }
}

const WORKER_URL = new URL("./worker.js", import.meta.url);
const shared = new Map(); // worker URL -> AnnotatorClient

/** The page's one annotator worker (started on first use, restarted if it died). */
export function sharedWorkerClient(workerUrl = WORKER_URL) {
  const key = String(workerUrl);
  let client = shared.get(key);
  if (!client || client.failed) {
    client = new AnnotatorClient(new Worker(workerUrl, { type: "module", name: "article-annotator" }));
    shared.set(key, client);
  }
  return client;
}

/**
 * A transport that serves requests in this thread (no Worker): same protocol, same replies.
 * Imported lazily, so a page that uses the worker never loads the engine's code itself.
 */
export async function localTransport() {
  const { createHost } = await import("./host.js");
  return hostTransport(createHost);
}

/** localTransport over a `createHost` the caller imported (no import() in service workers);
 * `crash(error)` hands the host an uncaught error (a wasm trap), true when it was the engine's. */
export function hostTransport(createHost) {
  const target = new EventTarget();
  const handle = createHost((message) => {
    // Replies arrive asynchronously, as they would from a worker.
    queueMicrotask(() => target.dispatchEvent(Object.assign(new Event("message"), { data: structuredClone(message) })));
  });
  return {
    postMessage: (message) => handle(structuredClone(message)),
    addEventListener: (type, fn) => target.addEventListener(type, fn),
    crash: (error) => handle.crash(error),
  };
}
