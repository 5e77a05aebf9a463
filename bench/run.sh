#!/usr/bin/env bash
# `npm run bench`: camaudit (A) vs nmap (B) from the lab's scanner namespace. Needs root. Labs are always taken
# down at the end, also on failure (trap). Results: bench/results.md (raw files in bench/out/).
#   1. /24 lab (prefix bnch): the committed device profiles spread evenly over 198.18.0.0/24, the other addresses
#      empty. BENCH_ROUNDS rounds (default 5) of A; B alternates with A in the first BENCH_NMAP_ROUNDS rounds
#      (default 2): one nmap round took 504-517 s on the 55-device lab, so 5 would add ~25 min.
# Whole run with the defaults: ~32 min on the shared 2-core machine (03:40-04:12 UTC, 29 Nov 2026), of which nmap
# ~24 min. Quicker: BENCH_NMAP_ROUNDS=1 BENCH_NMAP_20=0 (~12 min).
#   2. --rate 50 and 200 measured with tcpdump (bench/rate.sh) on the same lab.
#   3. /20 lab (prefix bn20): the same profiles spread over 198.18.0.0/20 (4,094 addresses); BENCH_20_ROUNDS of A
#      (default 1) and BENCH_NMAP_20 of B (default 1; 0 skips nmap there).
#   4. /24 and /16 dry-runs (planning only, nothing sent).
# nmap runs with the same port set and scripts as issue 10 names, plus BENCH_NMAP_TIMING (default
# "-T4 --max-retries 1", the usual "fast LAN" setting an administrator would use); the exact lines go in results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${BENCH_ROUNDS:-5}
NMAP_ROUNDS=${BENCH_NMAP_ROUNDS:-2}
NMAP_TIMING=${BENCH_NMAP_TIMING:--T4 --max-retries 1}
ROUNDS_20=${BENCH_20_ROUNDS:-1}
NMAP_20=${BENCH_NMAP_20:-1}
PREFIX=${BENCH_PREFIX:-bnch}
PREFIX20=${BENCH_PREFIX20:-bn20}
SUBNET=198.18.0.0/24
SUBNET20=198.18.0.0/20
OUT=bench/out
TSX=(node --import tsx)
CAM=(node "$PWD/bin/camaudit.js")
[ "$(id -u)" = 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 2; }
command -v nmap >/dev/null && command -v tcpdump >/dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq nmap time tcpdump >/dev/null; }
# Build when any source is newer than the compiled CLI.
if [ ! -f dist/src/cli/main.js ] || [ -n "$(find src fingerprints -newer dist/src/cli/main.js -print -quit)" ]; then npm run build >/dev/null; fi
rm -rf "$OUT"; mkdir -p "$OUT"
STATE=$OUT/state.json
# The committed profiles (a reproducible set: other work in progress in fixtures/devices is left out).
mapfile -t DEVICES < <(git ls-files 'fixtures/devices/*.json' 2>/dev/null || true)
[ ${#DEVICES[@]} -gt 0 ] || mapfile -t DEVICES < <(ls fixtures/devices/*.json)
cleanup() { for p in "$PREFIX" "$PREFIX20"; do "${CAM[@]}" lab down --prefix "$p" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT INT TERM
cleanup
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
PORTS=$(node -e "console.log(require('./fingerprints/ports.json').ports.map(p=>p.port).join(','))")
SCRIPTS=broadcast-wsdd-discover,broadcast-upnp-info,broadcast-dns-service-discovery,http-title,http-favicon,ssl-cert,rtsp-methods
A_CMD="camaudit scan $SUBNET --out DIR --format json --fail-on none"
B_CMD="nmap -sV $NMAP_TIMING -p $PORTS --script $SCRIPTS -oX FILE $SUBNET"
note() { "${TSX[@]}" bench/collect.ts note --state "$STATE" --note "$1"; }

# 1. /24
"${CAM[@]}" lab up --prefix "$PREFIX" --subnet "$SUBNET" --spread --devices "${DEVICES[@]}" | tee "$OUT/lab24.txt"
cp "/run/camaudit-lab/$PREFIX/state.json" "$OUT/lab24.json"
# The scanner namespace directly (same as `camaudit lab run --prefix $PREFIX -- …`).
inlab() { ip netns exec "$1-scan" "${@:2}"; }
for r in $(seq 1 "$ROUNDS"); do
  inlab "$PREFIX" /usr/bin/time -v -o "$OUT/a$r.time" "${CAM[@]}" scan "$SUBNET" --out "$OUT/a$r" --format json --fail-on none >"$OUT/a$r.log" 2>&1 || true
  "${TSX[@]}" bench/collect.ts ab --state "$STATE" --tool camaudit --round "$r" --time "$OUT/a$r.time" --output "$OUT/a$r/report.json" --lab "$OUT/lab24.json" || true
  if [ "$r" -le "$NMAP_ROUNDS" ]; then
    # shellcheck disable=SC2086
    inlab "$PREFIX" /usr/bin/time -v -o "$OUT/b$r.time" nmap -sV $NMAP_TIMING -p "$PORTS" --script "$SCRIPTS" -oX "$OUT/b$r.xml" "$SUBNET" >"$OUT/b$r.log" 2>&1 || true
    "${TSX[@]}" bench/collect.ts ab --state "$STATE" --tool nmap --round "$r" --time "$OUT/b$r.time" --output "$OUT/b$r.xml" --lab "$OUT/lab24.json" || true
  fi
done
# 2. --rate
BENCH_PREFIX=$PREFIX BENCH_OUT=$OUT bash bench/rate.sh 50 200 || note "bench/rate.sh failed (see $OUT/rate*.log)"
"${CAM[@]}" lab down --prefix "$PREFIX" >/dev/null

# 3. /20
if [ "$ROUNDS_20" -gt 0 ] || [ "$NMAP_20" -gt 0 ]; then
  "${CAM[@]}" lab up --prefix "$PREFIX20" --subnet "$SUBNET20" --spread --devices "${DEVICES[@]}" | tee "$OUT/lab20.txt"
  cp "/run/camaudit-lab/$PREFIX20/state.json" "$OUT/lab20.json"
  for r in $(seq 1 "$ROUNDS_20"); do
    inlab "$PREFIX20" /usr/bin/time -v -o "$OUT/a20-$r.time" "${CAM[@]}" scan "$SUBNET20" --out "$OUT/a20-$r" --format json --fail-on none >"$OUT/a20-$r.log" 2>&1 || true
    "${TSX[@]}" bench/collect.ts scale --state "$STATE" --name "/20 scan" --command "camaudit scan $SUBNET20 --out DIR --format json --fail-on none" --time "$OUT/a20-$r.time" --tool camaudit --output "$OUT/a20-$r/report.json" --lab "$OUT/lab20.json" || true
  done
  for r in $(seq 1 "$NMAP_20"); do
    # shellcheck disable=SC2086
    inlab "$PREFIX20" /usr/bin/time -v -o "$OUT/b20-$r.time" nmap -sV $NMAP_TIMING -p "$PORTS" --script "$SCRIPTS" -oX "$OUT/b20-$r.xml" "$SUBNET20" >"$OUT/b20-$r.log" 2>&1 || true
    "${TSX[@]}" bench/collect.ts scale --state "$STATE" --name "/20 nmap" --command "nmap -sV $NMAP_TIMING -p <ports> --script <scripts> -oX FILE $SUBNET20" --time "$OUT/b20-$r.time" --tool nmap --output "$OUT/b20-$r.xml" --lab "$OUT/lab20.json" || true
  done
  "${CAM[@]}" lab down --prefix "$PREFIX20" >/dev/null
fi

# 4. Planning only: nothing is sent, so these run outside the lab.
for spec in "/24 dry-run:198.18.0.0/24" "/16 dry-run:198.18.0.0/16"; do
  name=${spec%%:*}; target=${spec#*:}
  /usr/bin/time -v -o "$OUT/dry.time" "${CAM[@]}" scan "$target" --dry-run >/dev/null
  "${TSX[@]}" bench/collect.ts scale --state "$STATE" --name "$name" --command "camaudit scan $target --dry-run" --time "$OUT/dry.time"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
note "Machine load (1/5/15-min load average on 2 cores, shared with other engineers' builds and tests): $LOAD_START at start, $LOAD_END at the end."
note "nmap rounds: $NMAP_ROUNDS of $ROUNDS (BENCH_NMAP_ROUNDS); A/B ratios exist only for those rounds. Timing options: $NMAP_TIMING."
node -e "
const os=require('os'),cp=require('child_process');
const sh=(c)=>{try{return cp.execSync(c,{encoding:'utf8'}).trim()}catch{return '?'}};
const lab=JSON.parse(require('fs').readFileSync('$OUT/lab24.json','utf8'));
const meta={date:new Date().toISOString(),machine:{nproc:os.cpus().length,cpu:os.cpus()[0].model,ramMb:Math.round(os.totalmem()/2**20),kernel:os.release()},
versions:{node:process.version,nmap:sh('nmap --version').split('\n')[0],camaudit:require('./package.json').version,commit:sh('git rev-parse --short HEAD')},
lab:{prefix:'$PREFIX',subnet:'$SUBNET',devices:lab.devices.length,note:'committed profiles, spread evenly (lab up --spread), '+(254-1-lab.devices.length)+' empty addresses'},
commands:{camaudit:'$A_CMD',nmap:'$B_CMD'}};
require('fs').writeFileSync('$OUT/meta.json',JSON.stringify(meta));"
"${TSX[@]}" bench/collect.ts write --state "$STATE" --meta "$OUT/meta.json" --out bench/results.md
