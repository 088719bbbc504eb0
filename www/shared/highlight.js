// Highlights over the DOM, never by rewriting HTML: a result's UTF-16 offsets resolve to positions in
// the element's text nodes, and each highlighted piece of a text node is moved (not copied, not
// parsed) into an <aa-mark> element. `clear` puts the text nodes back. Article text never passes
// through innerHTML or any other HTML parser here.
//
// Offsets count the text that `textOf(root)` returns: the element's text nodes in document order,
// with a virtual line break around block elements and at <br> (no text node is added for them).
// For an element holding one text node (the page's article view) that is exactly its textContent.

export const MARK_TAG = "aa-mark";

/** Display names and colours of the labels (displaCy's colours; underline styles tell them apart without colour). */
export const LABELS = {
  PER: { name: "People", singular: "Person", colour: "#aa9cfc", line: "solid" },
  ORG: { name: "Organisations", singular: "Organisation", colour: "#7aecec", line: "double" },
  LOC: { name: "Places", singular: "Place", colour: "#feca74", line: "dotted" },
  MISC: { name: "Other", singular: "Other", colour: "#e4e7d2", line: "dashed" },
};

const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "OPTION", "IFRAME", "OBJECT", "SVG", "MATH", "CANVAS", "VIDEO", "AUDIO"]);
const BLOCK = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER",
  "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION",
  "TABLE", "TD", "TH", "TR", "UL", "CAPTION", "SUMMARY", "DETAILS",
]);

/**
 * The element's text and where each piece lives: `{ text, segments: [{ node, start, end }] }`
 * (segments are the text nodes, in order, with their UTF-16 range in `text`).
 */
export function collectText(root) {
  const parts = [];
  const segments = [];
  let length = 0;
  let endsWithBreak = true; // no break before the first text
  const push = (s) => {
    parts.push(s);
    length += s.length;
  };
  const lineBreak = () => {
    if (!endsWithBreak) {
      push("\n\n");
      endsWithBreak = true;
    }
  };
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const value = child.data;
        if (value.length === 0) continue;
        segments.push({ node: child, start: length, end: length + value.length });
        push(value);
        endsWithBreak = /\n$/.test(value);
      } else if (child.nodeType === 1) {
        const tag = child.tagName.toUpperCase();
        if (SKIP.has(tag)) continue;
        if (tag === "BR") {
          push("\n");
          endsWithBreak = true;
          continue;
        }
        const block = BLOCK.has(tag);
        if (block) lineBreak();
        walk(child);
        if (block) lineBreak();
      }
    }
  };
  walk(root);
  return { text: parts.join(""), segments };
}

/** The text that `highlight(root, ...)` offsets count. Annotate this to highlight an existing element. */
export function textOf(root) {
  return collectText(root).text;
}

/** Index of the segment holding UTF-16 offset `at` (the first whose end is past it). */
function segmentAt(segments, at) {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Wraps `spans` (sorted, non-overlapping `{start, end, text}` with UTF-16 offsets into `text`) in
 * marks made by `makeMark(span, index)`. Spans whose text does not match are skipped and counted.
 */
function wrapSpans(root, spans, makeMark) {
  const { text, segments } = collectText(root);
  let marks = 0;
  let skipped = 0;
  // Back to front: splitting a text node keeps its first part in place, so the segments of the
  // spans still to do (which lie before) stay valid.
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i];
    const { start, end } = span;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length) ||
        (typeof span.text === "string" && text.slice(start, end) !== span.text)) {
      skipped += 1;
      continue;
    }
    let k = segmentAt(segments, start);
    const pieces = [];
    for (; k < segments.length && segments[k].start < end; k++) {
      const seg = segments[k];
      const a = Math.max(start, seg.start) - seg.start;
      const b = Math.min(end, seg.end) - seg.start;
      if (a < b) pieces.push({ seg, a, b });
    }
    for (let p = pieces.length - 1; p >= 0; p--) {
      const { seg, a, b } = pieces[p];
      const node = seg.node;
      if (b < node.data.length) node.splitText(b);
      const piece = a > 0 ? node.splitText(a) : node;
      const mark = makeMark(span, i, root.ownerDocument);
      piece.parentNode.insertBefore(mark, piece);
      mark.appendChild(piece);
      marks += 1;
    }
  }
  return { marks, skipped };
}

/**
 * Highlights a result on `root` (whose `textOf` is the text that was annotated): claims first, then
 * entities inside them. Removes earlier highlights first. Returns `{ marks, skipped }`.
 */
export function highlight(root, result) {
  clear(root);
  const doc = root.ownerDocument;
  const rootNode = root.getRootNode();
  installStyles(rootNode.nodeType === 9 || rootNode.nodeType === 11 ? rootNode : doc);
  const claims = wrapSpans(root, result?.claims ?? [], (claim, i, d) => {
    const mark = d.createElement(MARK_TAG);
    mark.dataset.kind = "claim";
    mark.dataset.claim = String(i);
    if (claim.speaker && Number.isInteger(claim.speaker.cluster)) mark.dataset.speakerCluster = String(claim.speaker.cluster);
    // The score and cue tell a reader how sure the model is: on news outside politics many
    // claims are false (model/MODEL_CARD.md).
    const why = [claim.cue ? `cue “${claim.cue}”` : "", Number.isFinite(claim.score) ? `score ${claim.score.toFixed(2)}` : ""]
      .filter(Boolean)
      .join(", ");
    mark.title = `${claim.speaker ? `Claim by ${claim.speaker.text}` : "Claim (no speaker named)"}${why ? ` (${why})` : ""}`;
    return mark;
  });
  const entities = wrapSpans(root, result?.entities ?? [], (entity, i, d) => {
    const mark = d.createElement(MARK_TAG);
    mark.dataset.kind = "entity";
    mark.dataset.label = String(entity.label);
    mark.dataset.cluster = String(entity.cluster);
    mark.dataset.entity = String(i);
    const label = LABELS[entity.label]?.singular ?? String(entity.label);
    mark.title = `${label} (score ${Number(entity.score).toFixed(2)})`;
    return mark;
  });
  root.setAttribute("data-aa-highlighted", "");
  return { marks: claims.marks + entities.marks, skipped: claims.skipped + entities.skipped };
}

/** Removes every mark under `root` and joins the text nodes they split. */
export function clear(root) {
  const marks = root.querySelectorAll(MARK_TAG);
  const parents = new Set();
  // Innermost first, so a claim's entity marks go before the claim's own mark.
  for (let i = marks.length - 1; i >= 0; i--) {
    const mark = marks[i];
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    mark.remove();
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
  root.removeAttribute("data-aa-highlighted");
  root.removeAttribute("data-aa-hidden");
}

/** Hides the highlights of the given labels (e.g. ["ORG"]) under `root`; the text stays. */
export function setHidden(root, labels) {
  const list = [...labels].join(" ");
  if (list) root.setAttribute("data-aa-hidden", list);
  else root.removeAttribute("data-aa-hidden");
}

/** The marks of one entity mention (several when it spans text nodes), or of a claim. */
export function marksOf(root, { entity, claim } = {}) {
  if (Number.isInteger(entity)) return [...root.querySelectorAll(`${MARK_TAG}[data-entity="${entity}"]`)];
  if (Number.isInteger(claim)) return [...root.querySelectorAll(`${MARK_TAG}[data-claim="${claim}"]`)];
  return [...root.querySelectorAll(MARK_TAG)];
}

function labelRules() {
  return Object.entries(LABELS)
    .map(([label, { colour, line }]) => `
aa-mark[data-label="${label}"] { background-color: ${colour}80; border-bottom: 2px ${line} ${colour}; }
[data-aa-hidden~="${label}"] aa-mark[data-label="${label}"] { background-color: transparent; border-bottom-color: transparent; }
[data-aa-hidden~="${label}"] aa-mark[data-label="${label}"]::after { display: none; }`)
    .join("");
}

/** The marks' styles. Scoped by tag name; installStyles() adopts them into a document or shadow root. */
export const HIGHLIGHT_CSS = `
aa-mark { color: inherit; border-radius: 0.25em; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
aa-mark[data-kind="entity"] { padding: 0 0.1em; cursor: pointer; }
aa-mark[data-kind="claim"] { text-decoration: underline wavy #c0392b 1px; text-underline-offset: 0.25em; }
[data-aa-hidden~="CLAIM"] aa-mark[data-kind="claim"] { text-decoration: none; }
aa-mark:focus-visible, aa-mark.aa-current { outline: 2px solid #1a5fb4; outline-offset: 1px; }
[data-aa-show-labels] aa-mark[data-label]::after {
  content: attr(data-label); font: 600 0.6em/1 system-ui, sans-serif; letter-spacing: 0.03em;
  margin-left: 0.3em; vertical-align: middle; opacity: 0.75;
}
${labelRules()}
@media (prefers-reduced-motion: no-preference) { aa-mark.aa-current { transition: outline-color 0.3s; } }
`;

const installed = new WeakSet();

/** Adds HIGHLIGHT_CSS once to a Document or ShadowRoot (a constructed sheet: no inline <style>, so strict CSPs allow it). */
export function installStyles(target = document) {
  if (!target || installed.has(target)) return;
  installed.add(target);
  if ("adoptedStyleSheets" in target && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  } else {
    const doc = target.ownerDocument ?? target;
    const style = doc.createElement("style");
    style.textContent = HIGHLIGHT_CSS;
    (target.head ?? target).appendChild(style);
  }
}
