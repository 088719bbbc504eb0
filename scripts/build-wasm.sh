#!/usr/bin/env bash
# `npm run build`: the browser package in www/pkg (ES module + wasm), from the same crate the CLI uses.
#   1. cargo build --release --target wasm32-unknown-unknown --lib
#   2. wasm-bindgen --target web (the CLI must be exactly the version Cargo.toml pins)
#   3. wasm-opt -Oz (binaryen) when installed, kept only if the gzipped module gets 1% smaller
#   4. a smoke test: Node loads the package and annotates a sentence
# Nothing is downloaded here; scripts/setup.sh installs the tools (`npm start` and `npm test` run it).
set -euo pipefail
cd "$(dirname "$0")/.."
# `cargo install` puts the wasm-bindgen CLI here, which a fresh shell may not have on PATH yet.
export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"

PKG=www/pkg
TARGET_DIR=${CARGO_TARGET_DIR:-target}
WASM="$TARGET_DIR/wasm32-unknown-unknown/release/article_annotator.wasm"
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)

if ! command -v wasm-bindgen >/dev/null 2>&1; then
  echo "build-wasm: wasm-bindgen CLI not found: bash scripts/setup.sh start installs it (cargo install wasm-bindgen-cli --version $want)" >&2
  exit 1
fi
have=$(wasm-bindgen --version | awk '{print $2}')
if [ -n "$want" ] && [ "$have" != "$want" ]; then
  echo "build-wasm: wasm-bindgen CLI is $have, Cargo.toml pins $want: cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi

echo "== cargo build --release --target wasm32-unknown-unknown --lib"
cargo build --release --target wasm32-unknown-unknown --lib

echo "== wasm-bindgen --target web"
rm -rf "$PKG.tmp"
wasm-bindgen --target web --remove-name-section --remove-producers-section \
  --out-dir "$PKG.tmp" --out-name article_annotator "$WASM"

gz() { gzip -9 -c "$1" | wc -c; }
# Loads the package in Node and annotates one sentence: catches a module that builds but cannot run.
smoke() {
  node --input-type=module -e '
    import { readFileSync } from "node:fs";
    const dir = process.argv[1];
    const m = await import(`${dir}/article_annotator.js`);
    m.initSync({ module: readFileSync(`${dir}/article_annotator_bg.wasm`) });
    const engine = await m.Engine.create({ backend: "cpu" });
    const r = await engine.annotate("Angela Merkel met Emmanuel Macron in Paris.");
    if (!Array.isArray(r.entities)) throw new Error("no entities array");
  ' "$(cd "$1" && pwd)"
}
bg="$PKG.tmp/article_annotator_bg.wasm"
if command -v wasm-opt >/dev/null 2>&1; then
  # Kept only when it makes the gzipped module at least 1% smaller and the result still runs: the
  # weights dominate the module and barely compress, and binaryen 108 (Debian) has produced modules
  # whose externref table wasm-bindgen's glue cannot initialise.
  base=$(gz "$bg")
  cp "$bg" "$PKG.tmp/unoptimised.wasm"
  if wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-multivalue --enable-reference-types \
      "$PKG.tmp/unoptimised.wasm" -o "$bg" 2>"$PKG.tmp/wasm-opt.log"; then
    size=$(gz "$bg")
    if [ $((size * 100)) -le $((base * 99)) ] && smoke "$PKG.tmp" 2>/dev/null; then
      echo "   wasm-opt -Oz: kept, $size bytes gzipped (was $base)"
    else
      cp "$PKG.tmp/unoptimised.wasm" "$bg"
      echo "   wasm-opt -Oz: not kept ($size bytes gzipped vs $base unoptimised, or it did not run)"
    fi
  else
    cp "$PKG.tmp/unoptimised.wasm" "$bg"
    echo "   wasm-opt -Oz failed, module left unoptimised: $(head -c 300 "$PKG.tmp/wasm-opt.log")"
  fi
  rm -f "$PKG.tmp/unoptimised.wasm" "$PKG.tmp/wasm-opt.log"
else
  echo "   wasm-opt not installed (apt-get install binaryen): module left unoptimised"
fi
echo "== smoke test in Node"
smoke "$PKG.tmp"

rm -rf "$PKG"
mv "$PKG.tmp" "$PKG"
rm -f "$PKG/.gitignore" "$PKG/package.json"
echo "== built $PKG: $(ls "$PKG" | tr '\n' ' ')"
