#!/usr/bin/env bash
# `npm test`: formatting, lints (host), and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy (host)"
cargo clippy --all-targets -- -D warnings
echo "== cargo test"
cargo test --all-targets
