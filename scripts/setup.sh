#!/bin/sh
# Installs what building and testing stripe-edge needs, idempotently: fast when all is
# present, and it says what it installs. Run by `npm start` and `npm test`.
#   scripts/setup.sh          everything
#   scripts/setup.sh --run    only what the run command needs (no Python, no Chromium)
set -eu
cd "$(dirname "$0")/.."
say() { printf 'setup: %s\n' "$*" >&2; }

# Rust targets: wasm for the package and the Worker; for the tests, a no-std target
# that proves the core needs no std.
targets="wasm32-unknown-unknown wasm32v1-none"
[ "${1:-}" = "--run" ] && targets="wasm32-unknown-unknown"
installed=$(rustup target list --installed)
for target in $targets; do
  case "$installed" in
    *"$target"*) ;;
    *) say "adding Rust target $target"; rustup target add "$target" ;;
  esac
done

# wasm-bindgen CLI at exactly the version in Cargo.lock (the glue must match the crate).
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none}); about 2 minutes"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# npm dev dependencies (wrangler/workerd, stripe, esbuild, binaryen, typescript, playwright-core).
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.stripe-edge-lock 2>/dev/null || true)" != "$lock_sum" ]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.stripe-edge-lock
fi

[ "${1:-}" = "--run" ] && exit 0

# Python, for the tests only: localstripe (an independent Stripe emulator) and the
# official stripe package.
py_sum=$(sha256sum tests/support/requirements.txt | cut -d' ' -f1)
if [ "$(cat .venv/.stripe-edge-requirements 2>/dev/null || true)" != "$py_sum" ]; then
  say "installing Python packages into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/support/requirements.txt
  echo "$py_sum" > .venv/.stripe-edge-requirements
fi

# Headless Chromium and its driver, and Firefox, for the browser tests (Debian packages).
apt_missing=""
command -v chromium >/dev/null 2>&1 || apt_missing="$apt_missing chromium"
command -v chromedriver >/dev/null 2>&1 || apt_missing="$apt_missing chromium-driver"
command -v firefox-esr >/dev/null 2>&1 || apt_missing="$apt_missing firefox-esr"
if [ -n "$apt_missing" ]; then
  say "installing$apt_missing (apt)"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $apt_missing >/dev/null
fi

# Firefox's WebDriver and wasm-pack, from crates.io (their npm packages download from
# GitHub, which is not reachable). wasm-pack finds wasm-bindgen and both drivers on
# PATH, so it downloads nothing itself.
cargo_tool() {
  if [ "$("$1" --version 2>/dev/null | awk '{ print $2 }')" != "$2" ]; then
    say "installing $1 $2 (cargo install); about $3"
    cargo install "$1" --version "$2" --locked
  fi
}
cargo_tool geckodriver 0.37.1 "1.5 minutes"
cargo_tool wasm-pack 0.15.1 "2 minutes"
