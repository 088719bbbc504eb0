// <article-annotator>: annotates an article of the page it is embedded in, in place, with its panel
// in a shadow root. One module script is the whole integration:
//
//   <script type="module" src="/article-annotator/article-annotator-widget.js"></script>
//   <article id="story">…</article>
//   <article-annotator for="story" categories="people,places,claims" position="right"></article-annotator>
//
// or `<article data-article-annotator="position=right&theme=dark">` (the widget is added after it).
// Attributes: for (id of the article; default: the enclosing <article>), categories
// (people,organisations,places,other,claims), backend (auto|webgpu|cpu), theme (light|dark|auto),
// position (inline|right|left|bottom). README.md has the rest (CSP, self-hosting).
//
// Lazy: nothing of the engine loads until the article comes near the viewport or the widget is
// clicked. Every widget of a page talks to the page's one annotator worker (client.js), so the
// wasm is downloaded and compiled once. Text goes in, highlights come out: all language work is in
// the engine; this file reads text nodes (highlight.js) and draws.
//
// For scripts and tests: `el.activate()`, `el.result`, `el.info`, `el.target`, the host attribute
// `data-state` (idle | loading | annotating | done | error) and the events "annotated" and
// "annotator-error" (bubbling, `detail.result` / `detail.error`).

import { createAnnotator, clear, highlight, marksOf, setHidden, textOf } from "../shared/annotator.js";
import { nextMention } from "../shared/cluster-list.js";
import { Panel } from "./panel.js";
import { adoptPanelStyles } from "./styles.js";

const TAG = "article-annotator";
const ALL = ["PER", "ORG", "LOC", "MISC", "CLAIM"];
const CATEGORY = {
  people: "PER", person: "PER", persons: "PER", per: "PER",
  organisations: "ORG", organizations: "ORG", organisation: "ORG", organization: "ORG", orgs: "ORG", org: "ORG",
  places: "LOC", place: "LOC", locations: "LOC", location: "LOC", loc: "LOC",
  other: "MISC", misc: "MISC", claims: "CLAIM", claim: "CLAIM",
};
const OPTIONS = ["categories", "backend", "theme", "position"];
// Start a little before the article is on screen, so the highlights are there when it is.
const NEAR = "200px 0px";

/** The categories an attribute value names (all when empty); unknown words are reported once. */
export function parseCategories(value) {
  if (!value || !value.trim()) return new Set(ALL);
  const set = new Set();
  for (const word of value.toLowerCase().split(/[\s,;]+/).filter(Boolean)) {
    if (CATEGORY[word]) set.add(CATEGORY[word]);
    else console.warn(`article-annotator: unknown category ${JSON.stringify(word)} (people, organisations, places, other, claims)`);
  }
  return set;
}

export class ArticleAnnotatorElement extends HTMLElement {
  static observedAttributes = ["for", "categories", "backend"];

  #panel;
  #target = null; // set by the data-article-annotator upgrade; else found from `for`
  #observer = null;
  #run = null; // the annotation in flight or done (Promise)
  #result = null;
  #info = null;
  #annotator = null; // { backend, annotator }: one per widget, replaced when `backend` changes
  #view = null; // the result filtered to the shown categories: what is drawn
  #drawnOn = null;
  #hidden = new Set(); // categories switched off in the legend
  #cursor = new Map(); // cluster -> the mention the list jumped to last

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    adoptPanelStyles(root);
    this.#panel = new Panel(root, {
      start: () => this.activate(),
      retry: () => this.activate({ again: true }),
      toggle: (label, shown) => this.#toggle(label, shown),
      jumpCluster: (group) => this.#jumpCluster(group),
      jumpClaim: (index) => this.#jumpTo(marksOf(this.#drawnOn, { claim: index })),
    });
    // The first click anywhere on the widget starts it (the Start button is one such click).
    this.addEventListener("click", () => this.activate(), { once: true });
  }

  /** The element the widget annotates (null when `for` names no element). */
  get target() {
    if (this.#target) return this.#target;
    const id = this.getAttribute("for");
    return id ? this.ownerDocument.getElementById(id) : this.closest("article");
  }
  set target(element) {
    this.#target = element instanceof Element ? element : null;
  }

  get result() {
    return this.#result;
  }
  get info() {
    return this.#info;
  }

  connectedCallback() {
    if (this.#run) {
      // Moved in the document: draw again what was found.
      if (this.#result) this.#draw();
      return;
    }
    this.#setState("idle");
    const target = this.target;
    if (!target) {
      this.#fail(new Error(this.getAttribute("for") ? `no element with id "${this.getAttribute("for")}" to annotate` : 'nothing to annotate: set for="id of the article"'));
      return;
    }
    this.#panel.setIdle(true);
    this.#panel.setStatus("The annotations load when you reach the article.");
    if (typeof IntersectionObserver !== "function") {
      this.activate();
      return;
    }
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.activate();
    }, { rootMargin: NEAR });
    this.#observer.observe(target);
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
    if (this.#drawnOn) clear(this.#drawnOn); // a removed widget leaves the article as it was
    this.#drawnOn = null;
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.#run) return;
    if (name === "categories" && this.#result) this.#draw();
    else if (name === "backend" || name === "for") this.activate({ again: true });
  }

  /**
   * Loads the engine (once per page) and annotates the target. Resolves when the highlights are
   * drawn or the error is shown; never rejects. `again` re-runs a finished or failed annotation.
   */
  activate({ again = false } = {}) {
    if (this.#run && !again) return this.#run;
    this.#observer?.disconnect();
    this.#observer = null;
    const previous = this.#run ?? Promise.resolve();
    this.#run = previous.then(() => this.#annotate());
    return this.#run;
  }

  async #annotate() {
    const target = this.target;
    this.#panel.setIdle(false);
    this.#panel.setError(null);
    try {
      if (!target) throw new Error(`no element with id "${this.getAttribute("for")}" to annotate`);
      this.#setState("loading");
      this.#panel.setStatus("Loading the annotator…");
      const onStatus = (s) => this.#panel.setStatus(s.message);
      const annotator = await this.#annotatorFor(this.getAttribute("backend") || "auto", onStatus);
      this.#info = annotator.info;
      this.#panel.setBadge(annotator.info);
      this.#setState("annotating");
      if (this.#drawnOn) clear(this.#drawnOn); // annotate the article's own text, not our marks
      const text = textOf(target);
      if (!text.trim()) throw new Error("the article has no text to annotate");
      this.#panel.setStatus("Annotating…");
      const result = await annotator.annotate(text, { onStatus });
      if (!this.isConnected) return;
      this.#result = result;
      this.#draw();
      this.#panel.setBadge(result, this.#info);
      this.#setState("done");
      this.dispatchEvent(new CustomEvent("annotated", { bubbles: true, detail: { result } }));
    } catch (e) {
      this.#fail(e);
    }
  }

  /** The widget's annotator for `backend` (the engine itself is the page's shared worker). */
  async #annotatorFor(backend, onStatus) {
    if (this.#annotator?.backend === backend) return this.#annotator.annotator;
    this.#annotator?.annotator.close();
    this.#annotator = null;
    // `auto` measures the GPU after the first result: the badge follows (status line untouched).
    const onBackend = (info) => {
      if (this.#annotator?.annotator.info === info) this.#panel.setBadge(this.#result ?? info, info);
    };
    const annotator = await createAnnotator({ backend, onStatus, onBackend });
    this.#annotator = { backend, annotator };
    return annotator;
  }

  #fail(error) {
    this.#panel.setIdle(false);
    this.#panel.setStatus("");
    this.#panel.setError(`Could not annotate: ${error?.message ?? error}`);
    this.#setState("error");
    this.dispatchEvent(new CustomEvent("annotator-error", { bubbles: true, detail: { error } }));
  }

  /** Highlights the shown categories of the result on the target and fills the panel. */
  #draw() {
    const target = this.target;
    if (!target || !this.#result) return;
    const shown = parseCategories(this.getAttribute("categories"));
    const r = this.#result;
    this.#view = { ...r, entities: r.entities.filter((e) => shown.has(e.label)), claims: shown.has("CLAIM") ? r.claims : [] };
    if (this.#drawnOn && this.#drawnOn !== target) clear(this.#drawnOn);
    const report = highlight(target, this.#view);
    if (report.skipped) console.warn(`article-annotator: ${report.skipped} spans no longer match the article's text`);
    this.#drawnOn = target;
    for (const mark of marksOf(target)) mark.tabIndex = -1; // focusable from the lists, not a tab stop each
    setHidden(target, this.#hidden);
    this.#cursor.clear();
    this.#panel.render(this.#view, { shown, hidden: this.#hidden });
    const plural = (n, one, many) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
    this.#panel.setStatus(`${plural(r.words, "word", "words")} · ${plural(this.#view.entities.length, "mention", "mentions")} · ${plural(this.#view.claims.length, "claim", "claims")}`);
  }

  #toggle(label, shown) {
    if (shown) this.#hidden.delete(label);
    else this.#hidden.add(label);
    if (this.#drawnOn) setHidden(this.#drawnOn, this.#hidden);
  }

  #jumpCluster(group) {
    this.#jumpTo(marksOf(this.#drawnOn, { entity: nextMention(this.#cursor, group) }));
  }

  #jumpTo(marks) {
    if (!this.#drawnOn) return;
    for (const m of this.#drawnOn.querySelectorAll(".aa-current")) m.classList.remove("aa-current");
    if (!marks.length) return;
    for (const m of marks) m.classList.add("aa-current");
    const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
    marks[0].scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    marks[0].focus({ preventScroll: true });
  }

  #setState(state) {
    this.dataset.state = state;
  }
}

/** Options of a `data-article-annotator` value: "position=right&theme=dark" (or `;` between them). */
function optionsOf(value) {
  return new URLSearchParams((value ?? "").replace(/;\s*/g, "&"));
}

const attached = new WeakSet(); // articles that have their widget (no marker attribute on the host's element)

/** Adds a widget after each `[data-article-annotator]` element that has none yet. */
export function upgradeAttributed(root = document) {
  for (const article of root.querySelectorAll("[data-article-annotator]")) {
    if (attached.has(article)) continue;
    attached.add(article);
    const widget = document.createElement(TAG);
    const options = optionsOf(article.getAttribute("data-article-annotator"));
    for (const name of OPTIONS) if (options.has(name)) widget.setAttribute(name, options.get(name));
    widget.target = article;
    article.after(widget);
  }
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, ArticleAnnotatorElement);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => upgradeAttributed(), { once: true });
  else upgradeAttributed();
}
