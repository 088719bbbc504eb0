#!/usr/bin/env bash
# The one set-up step behind `npm start`, `npm test` and `.ci/run`: installs what this machine lacks,
# and nothing it already has (a second run only checks, in about a second).
#
#   bash scripts/setup.sh start   what `npm start` needs: the wasm32 target and the pinned
#                                 wasm-bindgen CLI (no browser, no GPU packages); binaryen's
#                                 wasm-opt too when running as root
#   bash scripts/setup.sh test    all of `npm test`: the above, rustfmt and clippy, npm packages,
#                                 and Debian's Chromium, Mesa's software Vulkan (lavapipe) and binaryen
#                                 (SKIP_BROWSER=1: no Chromium and no npm packages)
#
# Debian packages need root: as root they are installed with apt-get; otherwise the script prints the
# one command to run and stops. Nothing is downloaded outside the package registries: the browser is
# Debian's, never a test tool's own download.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}
case "$mode" in start | test) ;; *)
  echo "setup: unknown mode '$mode' (start or test)" >&2
  exit 2
  ;;
esac

say() { echo "setup: $*"; }
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$cargo_bin:"*) ;; *) export PATH="$cargo_bin:$PATH" ;; esac

# 1. Debian packages.
apt_needed=()
apt_optional=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1; }
command -v node >/dev/null 2>&1 || apt_needed+=(nodejs npm)
if [ "$mode" = test ]; then
  # Software Vulkan/GL (lavapipe, llvmpipe): the GPU tests run without a GPU.
  need_pkg mesa-vulkan-drivers || apt_needed+=(mesa-vulkan-drivers libvulkan1 libgl1-mesa-dri libegl-mesa0)
  if [ "${SKIP_BROWSER:-0}" != "1" ]; then
    command -v chromium >/dev/null 2>&1 || apt_needed+=(chromium chromium-driver)
  fi
  command -v wasm-opt >/dev/null 2>&1 || apt_needed+=(binaryen)
else
  # Optional for the page: wasm-opt shrinks the module by a few per cent; the build runs without it.
  command -v wasm-opt >/dev/null 2>&1 || apt_optional+=(binaryen)
fi
if [ ${#apt_needed[@]} -gt 0 ] || [ ${#apt_optional[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt_all=("${apt_needed[@]}" "${apt_optional[@]}")
    say "installing Debian packages: ${apt_all[*]} (apt-get, a minute or two)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q "${apt_all[@]}" >/dev/null
  elif [ ${#apt_needed[@]} -gt 0 ]; then
    say "these Debian packages are missing and installing them needs root:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${apt_needed[*]}" >&2
    say "run that, then the same npm command again" >&2
    exit 1
  else
    say "binaryen (wasm-opt) is not installed: the module is built unoptimised" \
      "(sudo apt-get install -y binaryen to add it)"
  fi
fi

# 2. Rust: the wasm32 target (and rustfmt/clippy for the tests), from rustup.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown (rustup)"
  rustup target add wasm32-unknown-unknown
fi
if [ "$mode" = test ]; then
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      say "adding the Rust component $component (rustup)"
      rustup component add "$component"
    fi
  done
fi

# 3. The wasm-bindgen CLI at exactly the version Cargo.toml pins (the glue must match the crate).
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "building wasm-bindgen-cli $want with cargo install (once per machine; about 6 minutes on 2 cores)"
  cargo install wasm-bindgen-cli --version "$want"
fi

# 4. npm packages (playwright-core drives Debian's Chromium; the page itself needs none).
if [ "$mode" = test ] && [ "${SKIP_BROWSER:-0}" != "1" ]; then
  want_pw=$(node -p 'require("./package.json").devDependencies["playwright-core"]')
  have_pw=$(node -p 'try { require("./node_modules/playwright-core/package.json").version } catch { "" }')
  if [ "$have_pw" != "$want_pw" ]; then
    say "installing npm packages (npm ci: playwright-core $want_pw, no browser download)"
    npm ci --no-audit --no-fund
  fi
fi
say "ready for npm $mode"
