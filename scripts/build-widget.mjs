#!/usr/bin/env node
// `npm run build:widget`: the self-contained widget folder, dist/widget/, ready to copy to any host:
//
//   dist/widget/article-annotator-widget.js   the entry (<script type="module" src=...>)
//   dist/widget/panel.js, styles.js            the rest of the widget (www/widget/*.js)
//   dist/widget/shared/                        the JS API, worker and highlighting (www/shared)
//   dist/widget/pkg/                           the wasm package with the model (www/pkg: npm run build)
//   dist/widget/demo/                          a demo news page (optional: delete it when self-hosting)
//   dist/widget/README.md                      how to embed it
//
// The files are copied as they are, with one change: the widget's own imports of "../shared/" become
// "./shared/" (in www/ the widget sits beside shared/, in dist/widget/ shared/ sits inside it). No
// bundler: the modules stay readable, and the browser loads the same files the tests load. The
// script then checks that every relative import and `new URL(..., import.meta.url)` of every copied
// module resolves to a file inside dist/widget/, so a self-hosted copy cannot reach outside itself.

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const WWW = join(ROOT, "www");
export const OUT = join(ROOT, "dist/widget");
const PKG_FILES = ["article_annotator.js", "article_annotator_bg.wasm", "article_annotator.d.ts"];

function fail(message) {
  console.error(`build:widget: ${message}`);
  process.exit(1);
}

const files = (dir, pattern) => readdirSync(dir).filter((f) => pattern.test(f) && statSync(join(dir, f)).isFile()).sort();

export function build() {
  for (const f of PKG_FILES.slice(0, 2)) {
    if (!existsSync(join(WWW, "pkg", f))) fail(`www/pkg/${f} is missing: build the wasm package first (npm run build)`);
  }
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, "shared"), { recursive: true });
  mkdirSync(join(OUT, "pkg"), { recursive: true });

  for (const f of files(join(WWW, "widget"), /\.js$/)) {
    const source = readFileSync(join(WWW, "widget", f), "utf8");
    writeFileSync(join(OUT, f), source.replace(/(\bfrom\s*["'])\.\.\/shared\//g, "$1./shared/"));
  }
  for (const f of files(join(WWW, "shared"), /\.(js|d\.ts)$/)) cpSync(join(WWW, "shared", f), join(OUT, "shared", f));
  for (const f of PKG_FILES) if (existsSync(join(WWW, "pkg", f))) cpSync(join(WWW, "pkg", f), join(OUT, "pkg", f));
  cpSync(join(WWW, "widget/demo"), join(OUT, "demo"), { recursive: true });
  cpSync(join(WWW, "widget/README.md"), join(OUT, "README.md"));

  checkImports();
  return report();
}

/** Every relative module specifier and import.meta.url-relative URL in dist/widget resolves inside it. */
function checkImports() {
  const problems = [];
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
  const patterns = [
    [/\b(?:import|export)\s[^"';]*?\bfrom\s*["']([^"']+)["']/g, true], // import x from "..."; export { y } from "..."
    [/\bimport\s*["']([^"']+)["']/g, true], // import "..."
    [/\bimport\(\s*["']([^"']+)["']\s*\)/g, true], // import("...")
    [/\bnew URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g, false], // new URL("...", import.meta.url)
  ];
  for (const file of walk(OUT).filter((f) => f.endsWith(".js"))) {
    // Comment lines hold usage examples ("article-annotator"), not imports.
    const source = readFileSync(file, "utf8").split("\n").filter((l) => !/^\s*(\/\/|\/\*|\*)/.test(l)).join("\n");
    for (const [pattern, isModule] of patterns) {
      for (const [, spec] of source.matchAll(pattern)) {
        if (isModule && !spec.startsWith(".")) {
          problems.push(`${relative(OUT, file)}: "${spec}" is not a relative path (a browser cannot resolve a bare name)`);
          continue;
        }
        if (/^[a-z][a-z0-9+.-]*:/i.test(spec)) {
          problems.push(`${relative(OUT, file)}: "${spec}" is an absolute URL (the widget loads nothing from elsewhere)`);
          continue;
        }
        const target = resolve(dirname(file), spec.split(/[?#]/)[0]);
        if (!target.startsWith(OUT + sep)) problems.push(`${relative(OUT, file)}: "${spec}" points outside dist/widget/`);
        else if (!existsSync(target)) problems.push(`${relative(OUT, file)}: "${spec}" does not exist in dist/widget/`);
      }
    }
  }
  if (problems.length) fail(`broken imports:\n  ${problems.join("\n  ")}`);
}

/** Raw and gzip sizes of what a page with the widget downloads (the demo and types excluded). */
function report() {
  const loaded = [
    ...files(OUT, /\.js$/).map((f) => join(OUT, f)),
    ...files(join(OUT, "shared"), /\.js$/).map((f) => join(OUT, "shared", f)),
    join(OUT, "pkg/article_annotator.js"),
    join(OUT, "pkg/article_annotator_bg.wasm"),
  ];
  let raw = 0;
  let gz = 0;
  for (const f of loaded) {
    const buf = readFileSync(f);
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  return { files: loaded.length, raw, gzip: gz };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files: n, raw, gzip } = build();
  const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
  console.log(`build:widget: dist/widget/ written; a page with the widget downloads ${n} files, ${kb(raw)} raw, ${kb(gzip)} gzip`);
}
