#!/usr/bin/env bash
# Builds the single executable for this OS/CPU: sea/camaudit (sea\camaudit.exe on Windows).
# The work is done by scripts/build-sea.mjs (plain Node, so Windows and macOS run the same code:
# `node scripts/build-sea.mjs`). Needs `npm ci` (esbuild and postject are devDependencies).
# usage: scripts/build-sea.sh [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo 'build-sea: node is not on PATH (Node.js 20 is needed)' >&2; exit 2; }
[ -d node_modules/esbuild ] || { echo 'build-sea: node_modules/esbuild is missing: run npm ci first' >&2; exit 2; }
[ -d node_modules/postject ] || { echo 'build-sea: node_modules/postject is missing: run npm ci first (postject is a devDependency)' >&2; exit 2; }
exec node scripts/build-sea.mjs "$@"
