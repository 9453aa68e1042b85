#!/bin/sh
# Runs every test of stripe-edge; `npm test` and .ci/run call this. Installs what it needs
# first (scripts/setup.sh). Needs ../shared beside the checkout, as in CI.
set -eu
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }

# Before installing anything: the tests read the reference folder beside the checkout.
[ -d ../shared ] || { echo "npm test: ../shared (the reference folder with Stripe's spec) must sit beside the checkout; it is not at $(cd .. && pwd)/shared" >&2; exit 1; }
sh scripts/setup.sh
# wrangler's debug logs (tests/support/harness.mjs points them here) grow by tens of
# megabytes a run: keep only the last run's.
rm -rf tests/.work/wrangler-logs

# Browsers and tools leave files in TMPDIR: give them a folder of their own, removed at
# the end. (Outside the checkout: the wasm test runner writes CommonJS there, which
# this package's "type": "module" would misread.)
TMPDIR=$(mktemp -d)
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT

step "format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p stripe-edge --features full --all-targets --locked -- -D warnings
cargo clippy -p stripe-edge-wasm -p stripe-edge-worker -p stripe-edge-driver-tests --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
# The webhook wasm alone, as the package builds it: beside the Worker, its dependencies
# would link std, whose panic handler clashes with the module's own.
cargo clippy -p stripe-edge-wasm-webhooks --target wasm32-unknown-unknown --locked -- -D warnings
# The package builds the bindings crate once per capability, with that feature alone.
for capability in testing decode search client; do
  cargo clippy -p stripe-edge-wasm --target wasm32-unknown-unknown --no-default-features --features "$capability" --locked -- -D warnings
done

step "generated models match the spec (cargo xtask codegen --check)"
cargo test -p xtask --locked

step "the core builds without std (wasm32v1-none): no features, default models, all models"
SEED_MODELS=events,files,webhook_endpoints,reporting,sigma,invoices
cargo build -p stripe-edge --no-default-features --target wasm32v1-none --locked
cargo build -p stripe-edge --no-default-features --features "$SEED_MODELS" --target wasm32v1-none --locked
cargo build -p stripe-edge --no-default-features --features full --target wasm32v1-none --locked

step "Rust tests (all models)"
cargo test -p stripe-edge --features full --locked

step "Rust tests of the local Stripe emulator (tests/emulator)"
cargo test -p stripe-emulator --locked

step "round trip of every fixture with the example tool"
cargo run -p stripe-edge --features full --example roundtrip --locked -- ../shared/stripe-openapi/fixtures3.json > "$TMPDIR/roundtrip.jsonl"
tail -n 1 "$TMPDIR/roundtrip.jsonl"
tail -n 1 "$TMPDIR/roundtrip.jsonl" | grep -qx '176 decoded, 176 lossless, 0 without model, 0 failed'

step "build and pack the npm package; install it where the package tests import it"
npm run build
rm -rf tests/.work && mkdir -p tests/.work
npm pack --silent --pack-destination tests/.work > /dev/null
(cd tests/package && rm -rf node_modules && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error ../.work/stripe-edge-*.tgz)

step "Node tests: package per entry (ESM, CJS, types, interop with each MAC provider, Chromium and Firefox without a bundler and through esbuild, Vite and webpack, workerd with and without nodejs_compat), Worker and its Rust driver, emulator through stripe-node, the run command, the README examples (JS, TS, HTML, Rust doc tests)"
node scripts/build-worker.mjs
node scripts/build-worker.mjs driver
node scripts/build-www.mjs
cargo build -p stripe-emulator --locked
node --test --test-concurrency=1 tests/package/ tests/worker/ tests/emulator/clients/ tests/run/ tests/readme/ tests/www/

step "wasm-pack test: the core and the bindings crate in headless Chrome and Firefox, as a Rust user types it"
export WASM_BINDGEN_TEST_TIMEOUT=120
wasm-pack test --headless --chrome --firefox .
wasm-pack test --headless --chrome --firefox wasm
