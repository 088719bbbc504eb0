// The panel's styles, adopted into each widget's shadow root as a constructed stylesheet: CSP's
// style-src governs <style> elements, style attributes and stylesheet loads, not CSSStyleSheet
// objects, so the widget works under `style-src 'self'` (or no style-src at all) with nothing inline.
//
// Why it cannot be broken by the host page:
// - Selectors of the host document never match elements inside a shadow root.
// - Only inherited properties cross the boundary, through the host element; `:host { all: initial
//   !important }` resets them. For !important declarations the shadow tree's own rules win over the
//   outer document's, so even `* { color: red !important }` does not reach the host element.
// - Lengths are px, never rem: a host that sets `html { font-size: 40px }` changes no size here.
// The marks in the article are styled by ../shared/highlight.js (HIGHLIGHT_CSS, adopted into the
// document; its selectors only match <aa-mark> elements).

import { LABELS } from "../shared/annotator.js";

const LIGHT = { fg: "#1d1f23", bg: "#ffffff", muted: "#5d636e", line: "#d9d6cf", hover: "#f2f1ee", accent: "#1a5fb4", error: "#a51d2d", gpu: "#2e7d32" };
const DARK = { fg: "#e8e6e3", bg: "#232428", muted: "#a3a7ae", line: "#3a3c41", hover: "#2f3035", accent: "#78aeed", error: "#ff8b8b", gpu: "#7bd88f" };
const vars = (t) => Object.entries(t).map(([k, v]) => `--${k}: ${v};`).join(" ");

const swatches = Object.entries(LABELS)
  .map(([label, { colour, line }]) => `.swatch[data-label="${label}"] { background: ${colour}80; border-bottom: 2px ${line} ${colour}; }`)
  .join("\n");

export const PANEL_CSS = `
:host { all: initial !important; display: block !important; }
:host([hidden]) { display: none !important; }
[hidden] { display: none !important; }

.panel {
  all: initial; ${vars(LIGHT)} color-scheme: light;
  box-sizing: border-box; display: flex; flex-direction: column; max-height: 80vh; overflow: hidden;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-radius: 10px; text-align: left;
}
:host([theme="dark"]) .panel { ${vars(DARK)} color-scheme: dark; }
@media (prefers-color-scheme: dark) { :host(:not([theme="light"])) .panel { ${vars(DARK)} color-scheme: dark; } }
.panel *, .panel *::before, .panel *::after { box-sizing: border-box; }

/* Floating positions: fixed to the viewport, above the page. */
:host([position="right"]) .panel, :host([position="left"]) .panel, :host([position="bottom"]) .panel {
  position: fixed; z-index: 2147483000; max-height: calc(100vh - 32px); box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
}
:host([position="right"]) .panel { top: 16px; right: 16px; width: 320px; }
:host([position="left"]) .panel { top: 16px; left: 16px; width: 320px; }
:host([position="bottom"]) .panel { left: 16px; right: 16px; bottom: 16px; max-height: 45vh; }
:host([position="bottom"]) .lists { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 0 16px; }

.head { display: flex; align-items: center; gap: 8px; padding: 8px 10px 8px 12px; border-bottom: 1px solid var(--line); }
.panel[data-collapsed] .head { border-bottom: 0; }
.title { flex: 1; font-weight: 600; font-size: 14px; white-space: nowrap; }
.badge { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 12px; color: var(--muted);
  padding: 1px 8px; border: 1px solid var(--line); border-radius: 999px; }
.badge[data-backend="webgpu"] { color: var(--gpu); border-color: var(--gpu); }
.body { overflow: auto; padding: 8px 12px 12px; }
.panel[data-collapsed] .body { display: none; }

button { font: inherit; font-size: 13px; line-height: 1.3; color: inherit; background: transparent; margin: 0; cursor: pointer;
  padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; text-align: left; }
button:hover { border-color: var(--accent); }
button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.collapse { flex: none; width: 28px; height: 24px; padding: 0; text-align: center; font-size: 16px; line-height: 1; }
.start { display: block; width: 100%; margin: 4px 0; background: var(--accent); border-color: var(--accent); color: var(--bg); font-weight: 600; text-align: center; }
.status { margin: 0 0 6px; color: var(--muted); font-size: 13px; }
.error { margin: 0 0 6px; padding-left: 8px; border-left: 3px solid var(--error); color: var(--error); font-size: 13px; overflow-wrap: anywhere; }

.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 0 0 4px; padding: 0; border: 0; min-width: 0; }
.legend legend { padding: 0; margin: 0 0 2px; float: left; width: 100%; color: var(--muted); font-size: 12px; }
.toggle { display: inline-flex; align-items: center; gap: 4px; font-size: 13px; cursor: pointer; }
.toggle input { margin: 0; accent-color: var(--accent); }
.swatch { display: inline-block; flex: none; width: 14px; height: 11px; border-radius: 3px; }
${swatches}
.swatch[data-label="CLAIM"] { background: none; border-bottom: 2px solid #c0392b; }

h3 { margin: 12px 0 4px; font-size: 13px; font-weight: 600; }
h3 .count { color: var(--muted); font-weight: 400; }
ul, ol { list-style: none; margin: 0; padding: 0; }
li { margin: 1px 0; }
.jump { display: flex; align-items: baseline; gap: 6px; width: 100%; padding: 2px 6px; border-color: transparent; }
.jump:hover { background: var(--hover); }
.jump .swatch { align-self: center; }
.jump .name { flex: 1; overflow-wrap: anywhere; }
.jump .n { color: var(--muted); font-variant-numeric: tabular-nums; }
.jump.claim { flex-direction: column; gap: 1px; }
.jump.claim .speaker { color: var(--muted); font-size: 12px; }
.empty { color: var(--muted); font-style: italic; font-size: 13px; padding: 2px 6px; }
`;

let sheet = null; // one constructed sheet, shared by every widget on the page

/** Adds the panel styles to a shadow root. */
export function adoptPanelStyles(root) {
  if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(PANEL_CSS);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    // Browsers without constructable stylesheets (before Safari 16.4): a <style> element, which a
    // CSP without 'unsafe-inline' in style-src blocks there. The panel still works, unstyled.
    const style = document.createElement("style");
    style.textContent = PANEL_CSS;
    root.append(style);
  }
}
