#!/usr/bin/env bash
# `camaudit scan --rate R` in the lab, measured from the scanner's side: tcpdump in <prefix>-scan records every SYN
# the scanner sends (SYN without ACK), bench/rate.ts counts each 4-tuple once and gives the achieved rate.
# Targets are the lab's device addresses only: every connect then puts a SYN on the wire (a connect to an empty
# address sends only ARP, which tcpdump cannot tie to a connection).
# Usage: sudo bash bench/rate.sh [RATES…]   (default 50 200; lab prefix $BENCH_PREFIX, default bnch, must be up
# unless RATE_LAB_UP=1, which builds and removes its own). Appends to $OUT/state.json when it exists, the method
# text prefixed with $RATE_LABEL when set (e.g. the build measured).
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${BENCH_PREFIX:-bnch}
OUT=${BENCH_OUT:-bench/out}
if [ $# -gt 0 ]; then RATES=("$@"); else RATES=(50 200); fi
CAM=(node "$PWD/bin/camaudit.js")
TSX=(node --import tsx)
mkdir -p "$OUT"
if [ "${RATE_LAB_UP:-0}" = 1 ]; then
  trap '"${CAM[@]}" lab down --prefix "$PREFIX" >/dev/null 2>&1 || true' EXIT INT TERM
  "${CAM[@]}" lab up --prefix "$PREFIX" --spread --devices $(git ls-files 'fixtures/devices/*.json' 2>/dev/null || ls fixtures/devices/*.json)
fi
LABSTATE=/run/camaudit-lab/$PREFIX/state.json
[ -f "$LABSTATE" ] || { echo "rate: lab $PREFIX is not up" >&2; exit 2; }
mapfile -t IPS < <(node -e "for (const d of JSON.parse(require('fs').readFileSync('$LABSTATE','utf8')).devices) console.log(d.ip)")
# Two runs per rate:
#  sweep: `-m sweep` with enough ports that connections ≈ 12 s × R, so demand exceeds the rate the whole time and
#         the achieved rate is the limiter's (the figure checked against ±10%);
#  full:  default modules and ports; after the sweep, probe demand is sporadic (each probe waits for its answer), so
#         only its busiest 1-s window is meaningful (must not exceed the rate by more than 10%).
capture() { # $1 = name, rest = camaudit scan args
  local name=$1; shift
  local pcap=$OUT/$name.pcap
  rm -f "$pcap"
  ip netns exec "$PREFIX-scan" tcpdump -i eth0 -nn -U -w "$pcap" 'tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn' 2>"$OUT/$name.tcpdump.log" &
  local td=$!
  for _ in $(seq 1 100); do grep -q listening "$OUT/$name.tcpdump.log" 2>/dev/null && break; sleep 0.1; done
  ip netns exec "$PREFIX-scan" "${CAM[@]}" scan "${IPS[@]}" "$@" --fail-on none --json >"$OUT/$name.json" 2>"$OUT/$name.log" || true
  sleep 0.5
  kill -INT "$td" 2>/dev/null || true
  wait "$td" 2>/dev/null || true
}
field() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]])" "$1" "$2"; }
FAILED=()
for R in "${RATES[@]}"; do
  NP=$(( (R * 12 + ${#IPS[@]} - 1) / ${#IPS[@]} )); [ "$NP" -ge 2 ] || NP=2
  PORTS="80,40000-$((40000 + NP - 2))"
  capture "rate$R-sweep" -m sweep --ports "$PORTS" --rate "$R"
  fs=$(tcpdump -nn -tt -r "$OUT/rate$R-sweep.pcap" 2>/dev/null | "${TSX[@]}" bench/rate.ts --requested "$R")
  capture "rate$R-full" --rate "$R"
  ff=$(tcpdump -nn -tt -r "$OUT/rate$R-full.pcap" 2>/dev/null | "${TSX[@]}" bench/rate.ts --requested "$R")
  echo "rate $R sweep: $fs"
  echo "rate $R full:  $ff"
  echo "{\"sweep\":$fs,\"full\":$ff}" >"$OUT/rate$R.figures.json"
  # The check: the sweep-only rate within 10% of the request, and no second of the full scan above it by more.
  [ "$(field "$fs" within10pct)" = true ] || FAILED+=("--rate $R: achieved $(field "$fs" overall)/s")
  [ "$(field "$ff" peak1s)" -le $((R + R / 10)) ] || FAILED+=("--rate $R: full scan's busiest second $(field "$ff" peak1s)")
  if [ -f "$OUT/state.json" ]; then
    "${TSX[@]}" bench/collect.ts rate --state "$OUT/state.json" --requested "$R" --achieved "$(field "$fs" overall)" --connections "$(field "$fs" connections)" --seconds "$(field "$fs" seconds)" \
      --method "${RATE_LABEL:+$RATE_LABEL: }SYNs sent, one per 4-tuple (tcpdump in $PREFIX-scan): camaudit scan <${#IPS[@]} device addresses> -m sweep --ports $PORTS --rate $R; busiest 1-s window $(field "$fs" peak1s). Full scan (default modules) at --rate $R: $(field "$ff" connections) connections in $(field "$ff" seconds) s, busiest 1-s window $(field "$ff" peak1s), overall $(field "$ff" overall)/s (demand-bound after the sweep)"
  fi
done
if [ ${#FAILED[@]} -gt 0 ]; then
  printf 'rate: outside 10%% of the request: %s\n' "${FAILED[@]}" >&2
  exit 1
fi
echo "rate: every requested rate held within 10%"
