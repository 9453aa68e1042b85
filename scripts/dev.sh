#!/bin/sh
# The run command (`npm start`): checks for Node, then hands over to scripts/dev.mjs,
# which checks its settings and ports, sets up, builds, and runs the local system.
# `exec` (here and in package.json's "start") leaves node as npm's direct child, so the
# signals npm passes on (SIGINT, SIGTERM) reach it, and it notices when npm is gone.
set -eu
cd "$(dirname "$0")/.."
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  echo "npm start: Node 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
exec node scripts/dev.mjs
