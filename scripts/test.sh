#!/usr/bin/env bash
# `npm test`: set-up (scripts/setup.sh test installs what is missing), formatting, lints (host and
# wasm), every Rust test, then the browser package, its size budget and the browser tests (Debian's
# Chromium). SKIP_BROWSER=1 stops after the Rust steps (a machine without Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== set-up (scripts/setup.sh test)"
bash scripts/setup.sh test
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy (host)"
cargo clippy --all-targets -- -D warnings
echo "== cargo test"
cargo test --all-targets
echo "== cargo clippy (wasm32, lib)"
cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
if [ "${SKIP_BROWSER:-0}" = "1" ]; then
  echo "== browser steps skipped (SKIP_BROWSER=1)"
  exit 0
fi
echo "== wasm package (npm run build)"
bash scripts/build-wasm.sh
echo "== size budget (npm run size)"
node scripts/size.mjs
echo "== browser tests (playwright-core + ${CHROMIUM:-/usr/bin/chromium})"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "test: Chromium not found at ${CHROMIUM:-/usr/bin/chromium}: apt-get install -y chromium (scripts/setup.sh does as root), or SKIP_BROWSER=1" >&2
  exit 1
fi
# The CLI binary that `cargo test` built: the browser's results are compared with it.
annotate_bin="${CARGO_TARGET_DIR:-target}/debug/annotate"
case "$annotate_bin" in /*) ;; *) annotate_bin="$PWD/$annotate_bin" ;; esac
if [ -x "$annotate_bin" ]; then export ANNOTATE_BIN="$annotate_bin"; fi
node --test --test-concurrency=1 www/tests/
