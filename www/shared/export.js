// Exports of a result: W3C Web Annotation JSON-LD, and a standalone HTML document (escaped text,
// no scripts). Pure functions over the result object: usable in any thread, no DOM needed.

import { LABELS } from "./highlight.js";

const VOCAB = "urn:article-annotator:vocab#";

const uuid = () =>
  globalThis.crypto?.randomUUID?.() ??
  "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });

/** The W3C selectors of a span: a TextQuoteSelector and a TextPositionSelector (code points). */
function selectors(span) {
  const quote = { type: "TextQuoteSelector", exact: span.text };
  if (span.prefix) quote.prefix = span.prefix;
  if (span.suffix) quote.suffix = span.suffix;
  const out = [quote];
  if (span.position) out.push({ type: "TextPositionSelector", start: span.position.start, end: span.position.end });
  return out;
}

/**
 * W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): an AnnotationCollection whose
 * first page holds one Annotation per entity mention ("classifying") and per claim ("tagging"),
 * each targeting `source` with a TextQuoteSelector and a TextPositionSelector (Unicode code points).
 */
export function toWebAnnotations(result, { source = "urn:article-annotator:text", created = new Date().toISOString() } = {}) {
  if (!result || !Array.isArray(result.entities)) throw new TypeError("toWebAnnotations(result): not an annotation result");
  const generator = { id: "urn:article-annotator", type: "Software", name: `article-annotator (${result.model ?? "model"})` };
  const target = (span) => ({ source, selector: selectors(span) });
  const items = [];
  for (const e of result.entities) {
    items.push({
      id: `urn:uuid:${uuid()}`,
      type: "Annotation",
      motivation: "classifying",
      created,
      generator,
      body: [
        { type: "TextualBody", purpose: "classifying", value: LABELS[e.label]?.singular ?? e.label, format: "text/plain" },
        { type: "TextualBody", purpose: "tagging", value: e.label },
      ],
      target: target(e),
      "aa:cluster": e.cluster,
      "aa:score": e.score,
    });
  }
  for (const c of result.claims ?? []) {
    const body = [{ type: "TextualBody", purpose: "tagging", value: "claim" }];
    if (c.speaker) body.push({ type: "TextualBody", purpose: "describing", value: `Speaker: ${c.speaker.text}` });
    if (c.cue) body.push({ type: "TextualBody", purpose: "describing", value: `Cue: ${c.cue}` });
    items.push({ id: `urn:uuid:${uuid()}`, type: "Annotation", motivation: "tagging", created, generator, body, target: target(c), "aa:score": c.score });
  }
  return {
    "@context": ["http://www.w3.org/ns/anno.jsonld", { aa: VOCAB }],
    id: `urn:uuid:${uuid()}`,
    type: "AnnotationCollection",
    label: `Annotations of ${source}`,
    total: items.length,
    first: { type: "AnnotationPage", startIndex: 0, items },
  };
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text as HTML character data or attribute value. */
export const escapeHTML = (s) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Entities grouped by cluster: `[{ cluster, label, name, count, mentions: [index...] }]`, in order of first mention. */
export function groupByCluster(result) {
  const groups = new Map();
  (result?.entities ?? []).forEach((e, i) => {
    let g = groups.get(e.cluster);
    if (!g) {
      g = { cluster: e.cluster, label: e.label, name: e.text, count: 0, mentions: [] };
      groups.set(e.cluster, g);
    }
    g.count += 1;
    g.mentions.push(i);
    if (e.text.length > g.name.length) g.name = e.text; // "Li Qiang" over "Li"
  });
  return [...groups.values()];
}

/**
 * A standalone HTML document of the annotated text: marks per label, claims underlined, and the
 * lists. All article text is escaped; the document has no script.
 */
export function toHTML(text, result, { title = "Annotated article", source = "" } = {}) {
  const entities = result?.entities ?? [];
  const claims = result?.claims ?? [];
  const points = new Set([0, text.length]);
  for (const s of [...entities, ...claims]) {
    points.add(s.start);
    points.add(s.end);
  }
  const bounds = [...points].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  let ei = 0;
  let ci = 0;
  let openClaim = -1;
  let openEntity = -1;
  let out = "";
  const closeEntity = () => {
    if (openEntity >= 0) out += "</mark>";
    openEntity = -1;
  };
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [p, q] = [bounds[k], bounds[k + 1]];
    while (ei < entities.length && entities[ei].end <= p) ei++;
    while (ci < claims.length && claims[ci].end <= p) ci++;
    const wantEntity = ei < entities.length && entities[ei].start <= p ? ei : -1;
    const wantClaim = ci < claims.length && claims[ci].start <= p ? ci : -1;
    if (wantClaim !== openClaim) {
      closeEntity();
      if (openClaim >= 0) out += "</mark>";
      openClaim = wantClaim;
      if (openClaim >= 0) {
        const c = claims[openClaim];
        out += `<mark class="claim" title="${escapeHTML(c.speaker ? `Claim by ${c.speaker.text}` : "Claim")}">`;
      }
    }
    if (wantEntity !== openEntity) {
      closeEntity();
      openEntity = wantEntity;
      if (openEntity >= 0) {
        const e = entities[openEntity];
        out += `<mark class="entity" data-label="${escapeHTML(e.label)}" data-cluster="${Number(e.cluster)}" title="${escapeHTML(LABELS[e.label]?.singular ?? e.label)}">`;
      }
    }
    out += escapeHTML(text.slice(p, q));
  }
  closeEntity();
  if (openClaim >= 0) out += "</mark>";

  const lists = Object.entries(LABELS)
    .map(([label, { name }]) => {
      const groups = groupByCluster(result).filter((g) => g.label === label);
      if (!groups.length) return "";
      const items = groups.map((g) => `<li>${escapeHTML(g.name)} <small>×${g.count}</small></li>`).join("");
      return `<h2>${escapeHTML(name)}</h2><ul>${items}</ul>`;
    })
    .join("");
  const claimList = claims.length
    ? `<h2>Claims</h2><ol>${claims.map((c) => `<li>${escapeHTML(c.text)}<br><small>${c.speaker ? `— ${escapeHTML(c.speaker.text)}` : "no speaker named"}</small></li>`).join("")}</ol>`
    : "";
  const css = Object.entries(LABELS)
    .map(([label, { colour, line }]) => `mark[data-label="${label}"]{background:${colour}80;border-bottom:2px ${line} ${colour}}`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="article-annotator (${escapeHTML(result?.model ?? "")})">
<title>${escapeHTML(title)}</title>
<style>body{font:17px/1.6 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;display:grid;grid-template-columns:1fr 16rem;gap:2rem}
article{white-space:pre-wrap}mark{color:inherit;background:none;border-radius:.2em}mark.claim{text-decoration:underline wavy #c0392b 1px;text-underline-offset:.25em}
aside{font:14px/1.4 system-ui,sans-serif}${css}</style></head>
<body><article>${out}</article>
<aside>${source ? `<p>Source: ${escapeHTML(source)}</p>` : ""}${lists}${claimList}<p><small>Backend: ${escapeHTML(result?.backend ?? "")}; model ${escapeHTML(result?.model ?? "")}</small></p></aside>
</body></html>
`;
}
