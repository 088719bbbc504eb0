#!/usr/bin/env bash
# `npm start`: installs what the build lacks (scripts/setup.sh start: the wasm32 target and the pinned
# wasm-bindgen CLI; no browser, no GPU packages), builds the browser package (scripts/build-wasm.sh)
# and serves www/ on 127.0.0.1.
#   PORT=8080 by default (a free port when it is taken); SKIP_BUILD=1 serves the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  bash scripts/setup.sh start
  bash scripts/build-wasm.sh
fi
exec node scripts/serve.mjs --port "${PORT:-8080}" "$@"
