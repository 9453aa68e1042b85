#!/bin/sh
# Fuzzes every cargo-fuzz target (libFuzzer) on the nightly toolchain, one after another
# with one job each:
#   sh scripts/fuzz.sh [RUNS] [TARGET...]   (default: 10000000 executions, every target)
# FUZZ_ARGS adds libFuzzer flags (such as `-max_len=512`, which makes the byte-by-byte
# CSV target several times faster). Installs cargo-fuzz from crates.io when it is
# missing. Not part of the test command.
#
# Each target runs RUNS executions with debug assertions (so arithmetic overflows
# panic, as in a debug build) and without a sanitizer (the code under test is safe
# Rust: `forbid(unsafe_code)`), seeded with its committed regression inputs
# (fuzz/regressions/TARGET, inputs that once found a bug) and starting inputs
# (fuzz/seeds/TARGET), with its dictionary (fuzz/dictionaries/TARGET.dict) when it
# has one. Any panic or an input
# running 1 s (`-timeout=1`: libFuzzer counts whole seconds) stops it with the input in
# fuzz/artifacts/TARGET. Then every input the run kept (fuzz/corpus/TARGET) is run
# again, one by one, and the slowest must take under 100 ms. Corpora and artifacts
# stay out of git (.gitignore); a bug's input goes into fuzz/regressions by hand, with
# a unit test.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-10000000}
[ $# -gt 0 ] && shift
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
targets=${*:-$(cargo +nightly fuzz list)}
options="--debug-assertions --sanitizer none"
binaries=fuzz/target/x86_64-unknown-linux-gnu/release
for target in $targets; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  seeds=
  for dir in fuzz/regressions/$target fuzz/seeds/$target; do
    [ -d "$dir" ] && seeds="$seeds $dir"
  done
  dict=
  [ -f "fuzz/dictionaries/$target.dict" ] && dict="-dict=fuzz/dictionaries/$target.dict"
  printf '\n=== %s: %s executions\n' "$target" "$runs"
  log=fuzz/artifacts/$target.log
  mkdir -p fuzz/artifacts
  # shellcheck disable=SC2086 # $options, $seeds, $dict and FUZZ_ARGS are word lists
  if ! cargo +nightly fuzz run $options "$target" "$corpus" $seeds -- \
    -runs="$runs" -timeout=1 -print_final_stats=1 $dict ${FUZZ_ARGS:-} > "$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $target failed; the input is in fuzz/artifacts/$target, the log in $log" >&2
    exit 1
  fi
  grep -E '^(stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|Done)' "$log"
  slowest=$(find "$corpus" $seeds -type f -print0 | xargs -0 -r -n 500 "$binaries/$target" 2>&1 |
    awk '/^Executed .* in [0-9]+ ms/ { ms = $(NF - 1); if (ms > max) max = ms } END { print max + 0 }')
  printf '%s: slowest of its %s corpus inputs, run one by one: %s ms\n' \
    "$target" "$(find "$corpus" $seeds -type f | wc -l)" "$slowest"
  if [ "$slowest" -ge 100 ]; then
    echo "fuzz: $target has an input slower than 100 ms" >&2
    exit 1
  fi
done
