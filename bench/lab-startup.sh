#!/usr/bin/env bash
# Reproduces bench/results-lab.md: lab start-up time and emulator RSS at 50 and 200 devices on a /24 and 200 on a
# /20, 2 runs each (bench/lab-startup.ts, prefix bnchs). Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
for spec in "50 198.18.0.0/24" "200 198.18.0.0/24" "200 198.18.0.0/20"; do
  for i in 1 2; do node --import tsx bench/lab-startup.ts $spec; done
done
