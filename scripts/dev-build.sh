#!/usr/bin/env bash
# Builds the package into a private folder (default .tmp/dev) so several people can build and test at once:
#   bash scripts/dev-build.sh .tmp/me && LEAD_ROUTING_PACKAGE_DIR=.tmp/me npx jest test/nodes/x.test.ts
# Type errors are printed but do not stop the build, so one unfinished file does not block everyone else.
set -u
cd "$(dirname "$0")/.."
out="${1:-.tmp/dev}"
rm -rf "$out/dist"
mkdir -p "$out"
npx tsc -p tsconfig.build.json --outDir "$out/dist" || echo "(type errors above; output emitted anyway)"
LEAD_ROUTING_OUT="$out/dist" npx gulp build:icons --silent
cp package.json "$out/package.json"
