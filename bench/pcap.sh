#!/usr/bin/env bash
# Passive read speed and memory (issue 24): `camaudit pcap` against `tshark -r` and `tcpdump -r` reading the same
# ≥ 1 GB capture in the same script, alternating tools round by round. Results: bench/results-pcap.md (raw time -v
# reports in bench/out/pcap/). Needs tshark and tcpdump (Debian: apt-get install tshark tcpdump), no root.
#   bash bench/pcap.sh                 # 2 rounds on a 1 GiB capture made from fixtures/pcap/lab.pcap.gz
#   PCAP_BENCH_ROUNDS=3 PCAP_BENCH_BYTES=2147483648 bash bench/pcap.sh
# The capture: bench/make-big-pcap.ts (the lab's 5,780 frames again and again, the scanner's ephemeral ports moved
# per copy so every copy's connections are new). It is a worst case for camaudit: almost every connection is a short
# probe whose first bytes it reads, where a real mirror-port capture is mostly long video streams it skips.
# What each tool does: camaudit reads every frame, follows every connection, parses every reply and writes the JSON
# result (--no-observations); tshark -r dissects every frame and prints its one-line summary (to /dev/null);
# tcpdump -r -n decodes and prints every frame's line (to /dev/null). MB/s = file bytes / wall seconds; peak RSS from
# GNU time -v. CPU seconds (user + system) are shown too: on a shared machine they vary less than wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${PCAP_BENCH_ROUNDS:-2}
BYTES=${PCAP_BENCH_BYTES:-1073741824}
OUT=bench/out/pcap
BIG=bench/out/big.pcap
command -v tshark >/dev/null && command -v tcpdump >/dev/null && [ -x /usr/bin/time ] || { echo "bench/pcap.sh: needs tshark, tcpdump and GNU time (apt-get install tshark tcpdump time)" >&2; exit 2; }
if [ ! -f dist/src/cli/main.js ] || [ -n "$(find src fingerprints -newer dist/src/cli/main.js -print -quit)" ]; then npm run build >/dev/null; fi
mkdir -p "$OUT"
if [ ! -f "$BIG" ] || [ "$(stat -c %s "$BIG")" -lt "$BYTES" ]; then node --import tsx bench/make-big-pcap.ts "$BIG" "$BYTES"; fi
SIZE=$(stat -c %s "$BIG")
FRAMES=$(capinfos -c -M "$BIG" 2>/dev/null | awk -F: '/Number of packets/ {gsub(/ /, "", $2); print $2}')
run() { # name round cmd...
  local name=$1 round=$2; shift 2
  /usr/bin/time -v -o "$OUT/$name-$round.time" "$@" > /dev/null 2> "$OUT/$name-$round.err" || true
}
for r in $(seq 1 "$ROUNDS"); do
  run camaudit "$r" node bin/camaudit.js pcap "$BIG" --json --no-observations --fail-on none
  run tshark "$r" tshark -r "$BIG"
  run tcpdump "$r" tcpdump -n -r "$BIG"
done
node --import tsx bench/pcap-results.ts "$OUT" "$SIZE" "${FRAMES:-?}" "$ROUNDS" > bench/results-pcap.md
cat bench/results-pcap.md
