#!/usr/bin/env bash
# `camaudit scan --rate R` in the lab, measured from the scanner's side: tcpdump in <prefix>-scan records every SYN
# the scanner sends (SYN without ACK), bench/rate.ts counts each 4-tuple once and gives the achieved rate.
# Targets are the lab's device addresses only: every connect then puts a SYN on the wire (a connect to an empty
# address sends only ARP, which tcpdump cannot tie to a connection). Default modules, so probe connections count too.
# Usage: sudo bash bench/rate.sh [RATES…]   (default 50 200; lab prefix $BENCH_PREFIX, default bnch, must be up
# unless RATE_LAB_UP=1, which builds and removes its own). Appends to $OUT/state.json when it exists.
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
for R in "${RATES[@]}"; do
  pcap=$OUT/rate$R.pcap
  rm -f "$pcap"
  ip netns exec "$PREFIX-scan" tcpdump -i eth0 -nn -U -w "$pcap" 'tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn' 2>"$OUT/rate$R.tcpdump.log" &
  TD=$!
  for _ in $(seq 1 100); do grep -q listening "$OUT/rate$R.tcpdump.log" 2>/dev/null && break; sleep 0.1; done
  ip netns exec "$PREFIX-scan" "${CAM[@]}" scan "${IPS[@]}" --rate "$R" --fail-on none --json >"$OUT/rate$R.json" 2>"$OUT/rate$R.log" || true
  sleep 0.5
  kill -INT "$TD" 2>/dev/null || true
  wait "$TD" 2>/dev/null || true
  fig=$(tcpdump -nn -tt -r "$pcap" 2>/dev/null | "${TSX[@]}" bench/rate.ts --requested "$R")
  echo "rate $R: $fig"
  echo "$fig" >"$OUT/rate$R.figures.json"
  if [ -f "$OUT/state.json" ]; then
    n=$(node -e "console.log(JSON.parse(process.argv[1]).connections)" "$fig")
    s=$(node -e "console.log(JSON.parse(process.argv[1]).seconds)" "$fig")
    a=$(node -e "console.log(JSON.parse(process.argv[1]).overall)" "$fig")
    p=$(node -e "const f=JSON.parse(process.argv[1]);console.log('peak 1-s window '+f.peak1s+', median per second '+f.medianPerSecond)" "$fig")
    "${TSX[@]}" bench/collect.ts rate --state "$OUT/state.json" --requested "$R" --achieved "$a" --connections "$n" --seconds "$s" \
      --method "SYNs sent (tcpdump in $PREFIX-scan, one per 4-tuple), camaudit scan <${#IPS[@]} device addresses> --rate $R; $p"
  fi
done
