#!/usr/bin/env bash
# One /24 scan per knob setting on the lab (committed profiles spread over 198.18.0.0/24, prefix bnchk), each under
# GNU time -v, with bench/timeline.ts's split of the seconds and devices found / makers right. Needs root.
# Usage: sudo bash bench/knobs.sh ["--connect-timeout 300" "--discovery-window 1" …]  (each argument = one run)
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${KNOBS_PREFIX:-bnchk}
OUT=${KNOBS_OUT:-bench/out/knobs}
CAM=(node "$PWD/bin/camaudit.js")
mkdir -p "$OUT"
trap '"${CAM[@]}" lab down --prefix "$PREFIX" >/dev/null 2>&1 || true' EXIT INT TERM
mapfile -t DEVICES < <(git ls-files 'fixtures/devices/*.json' 2>/dev/null || true)
[ ${#DEVICES[@]} -gt 0 ] || mapfile -t DEVICES < <(ls fixtures/devices/*.json)
"${CAM[@]}" lab up --prefix "$PREFIX" --spread --devices "${DEVICES[@]}" >/dev/null
cp "/run/camaudit-lab/$PREFIX/state.json" "$OUT/lab.json"
if [ $# -gt 0 ]; then SETS=("$@"); else SETS=("" "--connect-timeout 3200" "--connect-timeout 300" "--connect-timeout 300 --discovery-window 1" "--connect-timeout 3200 --discovery-window 1"); fi
i=0
for s in "${SETS[@]}"; do
  i=$((i + 1))
  # shellcheck disable=SC2086
  ip netns exec "$PREFIX-scan" /usr/bin/time -v -o "$OUT/k$i.time" "${CAM[@]}" scan 198.18.0.0/24 $s --out "$OUT/k$i" --format json --fail-on none >"$OUT/k$i.log" 2>&1 || true
  echo "{\"knobs\":\"${s:-default}\",\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\",\"run\":$(node --import tsx bench/timeline.ts --report "$OUT/k$i/report.json" --lab "$OUT/lab.json" --time "$OUT/k$i.time" || echo null)}"
done
