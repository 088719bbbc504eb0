// The dedicated Web Worker that runs the engine for the page and the widget (module worker:
// `new Worker(url, { type: "module" })`, see client.js). All of the protocol is in host.js.

import { createHost } from "./host.js";

const handle = createHost((message) => self.postMessage(message));
self.addEventListener("message", (event) => handle(event.data));

// A wasm trap inside an async call escapes every `try`: turn it into an error reply.
self.addEventListener("error", (event) => {
  if (handle.crash(event.error)) event.preventDefault();
});
self.addEventListener("unhandledrejection", (event) => {
  if (handle.crash(event.reason)) event.preventDefault();
});
