// The lists beside an annotated text: names by cluster with counts (press: next mention), claims with
// speakers; createElement and text nodes only. Forms: "full" (page, widget), "compact" (popup).

import { groupByCluster } from "./export.js";

/** `h("li", { class, dataset, onclick, attr }, "text", child)`: strings become text nodes. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** Most mentioned first, then first mentioned. */
export const byMentions = (a, b) => b.count - a.count || a.mentions[0] - b.mentions[0];

/** `group`'s next mention (an entity index), cycling; `cursor` (Map by cluster) remembers the last. */
export function nextMention(cursor, group) {
  const k = ((cursor.get(group.cluster) ?? -1) + 1) % group.mentions.length;
  cursor.set(group.cluster, k);
  return group.mentions[k];
}

export const speakerLine = (claim, none = "— no speaker named") => (claim.speaker ? `— ${claim.speaker.text}` : none);

const cData = (g) => ({ cluster: g.cluster, label: g.label, name: g.name, count: g.count });
const qData = (c, i) => ({ claim: i, speaker: c.speaker?.text ?? "" });
const press = (fn, ...args) => fn && (() => fn(...args));

const FORMS = {
  full: {
    order: byMentions, zero: "", none: "None found", noClaims: "No policy claims found", noSpeaker: "— no speaker named",
    cluster: (g, x) => h("li", { dataset: cData(g) },
      h("button", { type: "button", class: "jump", onclick: press(x.onCluster, g),
        title: `${[...new Set(g.mentions.map((i) => x.entities[i].text))].join(", ")}: ${g.count} mention${g.count > 1 ? "s" : ""}; press to jump to the next` },
      h("span", { class: "swatch", dataset: { label: g.label }, "aria-hidden": "true" }), h("span", { class: "name" }, g.name), " ", h("span", { class: "n" }, `×${g.count}`))),
    claim: (c, i, x) => h("li", { dataset: qData(c, i) },
      h("button", { type: "button", class: "jump claim", title: c.cue ? `Cue: ${c.cue}` : null, onclick: press(x.onClaim, i, c) },
        h("span", { class: "quote" }, c.text.length > 160 ? `${c.text.slice(0, 157)}…` : c.text), h("span", { class: "speaker" }, speakerLine(c, x.noSpeaker)))),
  },
  compact: {
    order: null, zero: "(0)", none: "none found", noClaims: "none found", noSpeaker: "no speaker named",
    cluster: (g, x) => h("li", { dataset: cData(g) }, h("button", { type: "button", title: "Show the next mention", onclick: press(x.onCluster, g) }, `${g.name} ×${g.count}`)),
    claim: (c, i, x) => h("li", { dataset: qData(c, i) }, h("q", {}, c.text), h("span", { class: "speaker" }, speakerLine(c, x.noSpeaker))),
  },
};

/**
 * Fills `lists` ({ [label]: { list, count? } }, "CLAIM" for claims) from `result`: items in `list`,
 * "(n)" in `count`. `form`: "full" | "compact"; `onCluster(group)`, `onClaim(index, claim)`: presses.
 * Returns the number of items per label.
 */
export function renderLists(result, lists, { form = "full", onCluster, onClaim } = {}) {
  const f = FORMS[form];
  const x = { entities: result.entities, onCluster, onClaim, noSpeaker: f.noSpeaker };
  const groups = groupByCluster(result);
  const counts = {};
  for (const [label, { list, count }] of Object.entries(lists)) {
    let items;
    if (label === "CLAIM") items = (result.claims ?? []).map((c, i) => f.claim(c, i, x));
    else {
      const mine = groups.filter((g) => g.label === label);
      items = (f.order ? mine.sort(f.order) : mine).map((g) => f.cluster(g, x));
    }
    if (count) count.textContent = items.length ? `(${items.length})` : f.zero;
    list.replaceChildren(...(items.length ? items : [h("li", { class: "empty" }, label === "CLAIM" ? f.noClaims : f.none)]));
    counts[label] = items.length;
  }
  return counts;
}
