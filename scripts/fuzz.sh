#!/bin/sh
# Fuzzes the core's parsers with cargo-fuzz (libFuzzer) on the nightly toolchain, one
# job, each target for SECONDS (default 600), without AddressSanitizer: the core forbids
# unsafe code, and ASan's recycling of freed memory stalled runs past the timeout on a
# shared machine (a 3 ms input "timed out" inside it):
#   sh scripts/fuzz.sh [SECONDS] [TARGET...]   (default: every target in fuzz/fuzz_targets)
# An input that takes a second is a crash (-timeout=1, libFuzzer's smallest); after the
# run every input of the corpus is replayed one by one, and the run fails if libFuzzer
# times any at 100 ms or more. Inputs that found bugs are kept in fuzz/regressions/TARGET
# (committed, read as part of the corpus). Installs cargo-fuzz from crates.io when it is
# missing. Not part of the test command; the corpus and any crash it finds stay in
# fuzz/corpus and fuzz/artifacts (ignored).
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-$(ls fuzz/fuzz_targets | sed -n 's/\.rs$//p')}
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
for target in $targets; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  regressions=""
  [ -d "fuzz/regressions/$target" ] && regressions="fuzz/regressions/$target"
  # shellcheck disable=SC2086 # $regressions is one folder or nothing
  cargo +nightly fuzz run -O --sanitizer none "$target" "$corpus" $regressions -- \
    -max_total_time="$seconds" -timeout=1 -max_len=65536 -print_final_stats=1
  binary="fuzz/target/x86_64-unknown-linux-gnu/release/$target"
  # shellcheck disable=SC2086
  slowest=$(find "$corpus" $regressions -type f -print0 | xargs -0 -r "$binary" 2>&1 \
    | sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p' | sort -n | tail -n 1)
  echo "fuzz: $target: the slowest input of the corpus took ${slowest:-0} ms"
  if [ "${slowest:-0}" -ge 100 ]; then
    echo "fuzz: $target: an input takes ${slowest} ms (the limit is 100 ms)" >&2
    exit 1
  fi
done
