// The widget's panel inside its shadow root: badge, status and errors, legend with per-category
// toggles, people / organisations / places grouped by cluster (click to jump to the next mention),
// claims with their speakers (the lists: ../shared/cluster-list.js, shared with the page and the popup).
// Built with createElement and text nodes only: no innerHTML, so article text is never parsed, and host
// pages that enforce Trusted Types accept it.

import { LABELS } from "../shared/annotator.js";
import { describeBackend } from "../shared/backend-label.js";
import { h, renderLists } from "../shared/cluster-list.js";

/** The categories the lists show, in order; MISC only when the model found some. */
const LISTS = ["PER", "ORG", "LOC", "MISC"];
const CLAIM = { name: "Claims" };

export class Panel {
  /** `on`: { start(), retry(), toggle(label, shown), jumpCluster(group), jumpClaim(index) } */
  constructor(root, on) {
    this.on = on;
    this.badge = h("span", { class: "badge", title: "Which backend annotates" }, "Not started");
    this.collapse = h("button", { type: "button", class: "collapse", "aria-expanded": "true", title: "Hide the annotations", onclick: () => this.setCollapsed(!this.collapsed) }, "–");
    this.status = h("p", { class: "status", role: "status", "aria-live": "polite" });
    this.error = h("p", { class: "error", role: "alert", hidden: true });
    this.retry = h("button", { type: "button", class: "retry", hidden: true, onclick: () => on.retry() }, "Try again");
    this.start = h("button", { type: "button", class: "start", hidden: true, onclick: () => on.start() }, "Annotate this article");
    this.legend = h("fieldset", { class: "legend", hidden: true });
    this.sections = {};
    for (const label of [...LISTS, "CLAIM"]) {
      const count = h("span", { class: "count" });
      const list = h(label === "CLAIM" ? "ol" : "ul", { class: label === "CLAIM" ? "claims" : "entities" });
      const section = h("section", { dataset: { list: label } }, h("h3", {}, `${(LABELS[label] ?? CLAIM).name} `, count), list);
      this.sections[label] = { section, count, list };
    }
    this.lists = h("div", { class: "lists", hidden: true }, Object.values(this.sections).map((s) => s.section));
    this.body = h("div", { class: "body" }, this.status, this.error, this.retry, this.start, this.legend, this.lists);
    this.root = h("section", { class: "panel", role: "region", "aria-label": "Article annotations" },
      h("header", { class: "head" }, h("span", { class: "title" }, "Annotations"), this.badge, this.collapse), this.body);
    root.append(this.root);
  }

  get collapsed() {
    return this.root.hasAttribute("data-collapsed");
  }

  setCollapsed(collapsed) {
    this.root.toggleAttribute("data-collapsed", collapsed);
    this.collapse.setAttribute("aria-expanded", String(!collapsed));
    this.collapse.textContent = collapsed ? "+" : "–";
    this.collapse.title = collapsed ? "Show the annotations" : "Hide the annotations";
  }

  setStatus(message) {
    this.status.textContent = message ?? "";
    this.status.hidden = !message;
  }

  /** Shows an error (and the retry button), or hides it with `null`. */
  setError(message) {
    this.error.textContent = message ?? "";
    this.error.hidden = !message;
    this.retry.hidden = !message;
  }

  setIdle(idle) {
    this.start.hidden = !idle;
  }

  /** The badge for an engine info or a result; `info` gives context to a result. */
  setBadge(r, info = null) {
    if (!r) {
      this.badge.textContent = "Not started";
      delete this.badge.dataset.backend;
      return;
    }
    const { short: label, detail } = describeBackend(r, info);
    this.badge.textContent = label;
    this.badge.title = `${detail}\nModel: ${r.model ?? info?.model ?? "?"}`;
    this.badge.dataset.backend = r.backend;
    this.badge.dataset.fallback = r.fallback ?? "";
    this.badge.dataset.auto = info?.auto?.state ?? r.auto?.state ?? "";
  }

  /** Draws the legend and lists of `view` (the result filtered to the shown categories). */
  render(view, { shown, hidden }) {
    const counts = { CLAIM: view.claims.length };
    for (const e of view.entities) counts[e.label] = (counts[e.label] ?? 0) + 1;
    const offered = [...LISTS, "CLAIM"].filter((l) => shown.has(l) && (l !== "MISC" || counts.MISC));

    this.legend.replaceChildren(h("legend", {}, "Show"), ...offered.map((label) => {
      const input = h("input", { type: "checkbox", dataset: { label }, onchange: () => this.on.toggle(label, input.checked) });
      input.checked = !hidden.has(label);
      const name = (LABELS[label] ?? CLAIM).name;
      return h("label", { class: "toggle" }, input, h("span", { class: "swatch", dataset: { label }, "aria-hidden": "true" }), `${name} (${counts[label] ?? 0})`);
    }));

    for (const [label, { section }] of Object.entries(this.sections)) section.hidden = !offered.includes(label);
    renderLists(view, this.sections, {
      onCluster: (group) => this.on.jumpCluster(group),
      onClaim: (index) => this.on.jumpClaim(index),
    });

    this.legend.hidden = offered.length === 0;
    this.lists.hidden = false;
  }
}
