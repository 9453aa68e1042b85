#!/bin/sh
# The run command (`npm start`): sets up, builds the Worker, and runs the local system.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh --run
node scripts/build-worker.mjs
cargo build -p stripe-emulator --locked
exec node scripts/dev.mjs
