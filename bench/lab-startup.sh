#!/usr/bin/env bash
# Reproduces bench/results-lab.md: lab start-up time and emulator RSS at 50 devices, 3 runs. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
for i in 1 2 3; do npx tsx bench/lab-startup.ts "${1:-50}"; done
