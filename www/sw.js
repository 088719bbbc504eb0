// Offline support for the page: the page, the engine (worker, glue, wasm with the model inside) and
// the samples are cached at install. It lives at the root of www/ because a dedicated worker is
// matched to a service worker by the worker's own URL: the scope must hold shared/ and pkg/ too. Network first, so a rebuilt engine is picked up at once; the cache
// answers when the network does not. Same-origin GET requests only; nothing else is touched.

const CACHE = "article-annotator-v1";
const CORE = [
  "page/", "page/index.html", "page/page.css", "page/page.js", "page/sample.txt",
  "shared/annotator.js", "shared/client.js", "shared/host.js", "shared/worker.js",
  "shared/engine.js", "shared/calibrations.js", "shared/backend-label.js", "shared/cluster-list.js",
  "shared/highlight.js", "shared/export.js",
  "pkg/article_annotator.js", "pkg/article_annotator_bg.wasm",
  "samples/index.json",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(CORE.map((path) => cache.add(new URL(path, self.location.href)).catch(() => {}))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok && response.type === "basic") await cache.put(request, response.clone());
        return response;
      } catch (e) {
        const cached = await cache.match(request, { ignoreSearch: url.pathname.endsWith("/page/") || url.pathname.endsWith("/index.html") });
        if (cached) return cached;
        throw e;
      }
    })(),
  );
});
