// The content script: finds the article (article.js), sends its text to the engine in the service
// worker, and draws the result in place with highlight.js (bundled as AAHighlight by the build).
// It never runs wasm (the page's CSP would apply) and never parses article text as HTML: marks are
// <aa-mark> elements wrapping pieces of the page's own text nodes, removed by unwrapping them.
//
// Injected by the popup with chrome.scripting (activeTab: the user asked for this page), once per
// page; later injections find it running. Messages from the popup (chrome.tabs.sendMessage):
//   aa:annotate {hidden}  aa:clear  aa:hidden {hidden}  aa:state  aa:reveal {mentions}
// each answered with snapshot(). When the article grows it annotates again and tells any open popup
// with a runtime message aa:updated {snapshot}.

(() => {
  if (globalThis.__articleAnnotatorContent) return;
  globalThis.__articleAnnotatorContent = true;

  const { highlight, clear, setHidden, textOf, MARK_TAG } = globalThis.AAHighlight;
  const { findArticle } = globalThis.AAArticle;
  const SEPARATOR = "\n\n"; // between blocks: a paragraph break, which also ends a sentence
  const SETTLE_MS = 600; // a burst of page changes (a live blog adding a post) costs one annotation
  const WATCH = { childList: true, subtree: true, characterData: true };

  const state = {
    enabled: false,
    hidden: [],
    container: null,
    blocks: [], // the blocks the current highlights are in
    text: "", // what the engine annotated: the blocks' text joined by SEPARATOR
    result: null,
    error: null,
    running: null,
    observer: null,
    timer: 0,
    current: null, // the mark that aa:reveal showed last
  };

  function snapshot() {
    return {
      enabled: state.enabled, error: state.error, result: state.result, text: state.text,
      blocks: state.blocks.length, source: location.href, title: document.title,
    };
  }

  /** The article now: its blocks, their text and where each starts in the joined text. */
  function collect() {
    const found = findArticle(document);
    if (!found) return null;
    const texts = found.blocks.map((block) => textOf(block));
    const bases = [];
    let at = 0;
    for (const t of texts) {
      bases.push(at);
      at += t.length + SEPARATOR.length;
    }
    return { ...found, texts, bases, text: texts.join(SEPARATOR) };
  }

  /** Runs `change` on the DOM without our own mutations waking the observer. */
  function quietly(change) {
    if (state.observer && state.observer.takeRecords().length) schedule(); // the page's, not ours
    state.observer?.disconnect();
    try {
      change();
    } finally {
      if (state.enabled && state.container) state.observer?.observe(state.container, WATCH);
    }
  }

  /** The spans inside [base, end), shifted to the block, and their indexes in the whole result. */
  function within(spans, base, end) {
    const index = [];
    const local = [];
    spans.forEach((span, i) => {
      if (span.start >= base && span.end <= end) {
        index.push(i);
        local.push({ ...span, start: span.start - base, end: span.end - base });
      }
    });
    return { index, local };
  }

  function paint(article, result) {
    quietly(() => {
      for (const block of state.blocks) if (!article.blocks.includes(block)) clear(block);
      article.blocks.forEach((block, k) => {
        const base = article.bases[k];
        const end = base + article.texts[k].length;
        const entities = within(result.entities ?? [], base, end);
        const claims = within(result.claims ?? [], base, end);
        if (!entities.local.length && !claims.local.length) return clear(block);
        highlight(block, { entities: entities.local, claims: claims.local });
        // highlight() numbers marks per call; the popup and the export count in the whole result.
        for (const mark of block.querySelectorAll(`${MARK_TAG}[data-entity]`)) mark.dataset.entity = String(entities.index[Number(mark.dataset.entity)]);
        for (const mark of block.querySelectorAll(`${MARK_TAG}[data-claim]`)) mark.dataset.claim = String(claims.index[Number(mark.dataset.claim)]);
      });
      if (state.container && state.container !== article.container) setHidden(state.container, []);
      setHidden(article.container, state.hidden);
    });
    Object.assign(state, { container: article.container, blocks: article.blocks, text: article.text, result, error: null });
    watch();
  }

  function watch() {
    if (!state.observer) state.observer = new MutationObserver(schedule);
    state.observer.disconnect();
    state.observer.observe(state.container, WATCH);
  }

  function schedule() {
    if (!state.enabled || state.timer) return;
    state.timer = setTimeout(() => {
      state.timer = 0;
      const before = [state.result, state.error];
      ensure().then(() => {
        if (state.result === before[0] && state.error === before[1]) return;
        chrome.runtime.sendMessage({ type: "aa:updated", snapshot: snapshot() }).catch(() => {}); // no popup open
      });
    }, SETTLE_MS);
  }

  /** Annotates the article unless the highlights already show its current text. Never rejects. */
  function ensure() {
    // `.finally` runs in a later microtask, so it never clears a run before it is stored.
    state.running ??= annotate().finally(() => {
      state.running = null;
    });
    return state.running;
  }

  async function annotate() {
    try {
      // The page may change while the engine works: then the text is sent again (at most 3 times).
      for (let attempt = 0; attempt < 3; attempt++) {
        if (!state.enabled) return;
        const article = collect();
        if (!article) {
          drop();
          state.error = "No article found on this page.";
          return;
        }
        if (state.result && article.text === state.text) {
          if (article.blocks.some((b, i) => b !== state.blocks[i])) paint(article, state.result);
          return;
        }
        const reply = await askEngine(article.text);
        if (!reply?.ok) throw new Error(reply?.error?.message ?? "the annotator did not answer");
        const now = state.enabled ? collect() : null;
        if (now && now.text === article.text) return paint(now, reply.result);
      }
      if (state.enabled) state.error = "The article kept changing while it was annotated: open the popup again.";
    } catch (e) {
      state.error = `The annotator failed: ${e?.message ?? e}`;
    }
  }

  /**
   * The engine's answer for `text`. Chrome stops an idle extension service worker and starts it again
   * on the next message; a message sent while it is stopping fails to connect. Such a failure (not
   * an answer saying the engine failed) is tried again, up to twice, a second apart.
   */
  async function askEngine(text) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await chrome.runtime.sendMessage({ type: "aa:annotate-text", text });
      } catch (e) {
        if (attempt >= 2) throw e;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** Removes every highlight: the article's DOM is as it was (text nodes joined again). */
  function drop() {
    clearTimeout(state.timer);
    state.timer = 0;
    state.observer?.disconnect();
    for (const block of state.blocks) clear(block);
    if (state.container) setHidden(state.container, []);
    Object.assign(state, { container: null, blocks: [], text: "", result: null, error: null, current: null });
  }

  /** Scrolls to the next mark of the given mentions (entity indexes) and outlines it. */
  function reveal(mentions) {
    const marks = mentions.flatMap((i) => [...document.querySelectorAll(`${MARK_TAG}[data-entity="${Number(i)}"]`)].slice(0, 1));
    if (!marks.length) return;
    const next = marks[(marks.indexOf(state.current) + 1) % marks.length];
    quietly(() => {
      state.current?.classList.remove("aa-current");
      next.classList.add("aa-current");
    });
    state.current = next;
    next.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id) return false;
    const hidden = Array.isArray(message?.hidden) ? message.hidden.map(String) : state.hidden;
    switch (message?.type) {
      case "aa:annotate":
        state.enabled = true;
        state.hidden = hidden;
        ensure().then(() => {
          if (state.container) quietly(() => setHidden(state.container, state.hidden));
          sendResponse(snapshot());
        });
        return true;
      case "aa:clear":
        state.enabled = false;
        quietly(drop);
        break;
      case "aa:hidden":
        state.hidden = hidden;
        if (state.container) quietly(() => setHidden(state.container, hidden));
        break;
      case "aa:reveal":
        reveal(Array.isArray(message.mentions) ? message.mentions : []);
        break;
      case "aa:state":
        break;
      default:
        return false;
    }
    sendResponse(snapshot());
    return false;
  });
})();
