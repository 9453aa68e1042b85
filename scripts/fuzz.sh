#!/bin/sh
# Fuzzes the search-query parser with cargo-fuzz (libFuzzer) on the nightly toolchain:
#   sh scripts/fuzz.sh [SECONDS]   (default 600)
# Installs cargo-fuzz from crates.io when it is missing. Not part of the test command;
# the corpus and any crash it finds stay in fuzz/corpus and fuzz/artifacts (ignored).
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-600}
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
cargo +nightly fuzz run search_parse -- -max_total_time="$seconds" -print_final_stats=1
