#!/bin/sh
# `npm run bench`: builds everything, runs the Rust and JS benchmarks in one run and
# writes BENCHMARKS.md.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh --run
# wrangler's debug logs (tests/support/harness.mjs points them here) grow by tens of
# megabytes a run: keep only the last run's.
rm -rf tests/.work/wrangler-logs
npm run build
node scripts/build-worker.mjs
node scripts/build-worker.mjs driver
mkdir -p tests/.work
cargo bench --locked --bench webhook --bench search --bench answer -- --output-format bencher | tee tests/.work/cargo-bench.txt
node benches/js/report.mjs tests/.work/cargo-bench.txt
