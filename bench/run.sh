#!/usr/bin/env bash
# `npm run bench`: camaudit (A) vs nmap (B) on the lab /24, alternating A B for $ROUNDS rounds from
# the scanner namespace, then the /16 and /24 dry-runs; results in bench/results.md. Needs root.
# The lab is always taken down at the end, also on failure (trap).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${BENCH_ROUNDS:-5}
PREFIX=${BENCH_PREFIX:-bench}
SUBNET=198.18.0.0/24
OUT=bench/out
TSX=(node --import tsx)
CAM=(node "$PWD/bin/camaudit.js")
[ "$(id -u)" = 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 2; }
command -v nmap >/dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq nmap time >/dev/null; }
# Build when any source is newer than the compiled CLI.
if [ ! -f dist/src/cli/main.js ] || [ -n "$(find src fingerprints -newer dist/src/cli/main.js -print -quit)" ]; then npm run build >/dev/null; fi
rm -rf "$OUT"; mkdir -p "$OUT"
STATE=$OUT/state.json
cleanup() { "${CAM[@]}" lab down --prefix "$PREFIX" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM
cleanup
"${CAM[@]}" lab up --prefix "$PREFIX" --subnet "$SUBNET" --devices fixtures/devices
# `ip netns exec` directly: the documented scanner namespace <prefix>-scan (lab run leaks its --prefix to a nested camaudit).
inlab() { ip netns exec "$PREFIX-scan" "$@"; }
PORTS=$(node -e "console.log(require('./fingerprints/ports.json').ports.map(p=>p.port).join(','))")
A_CMD="camaudit scan $SUBNET --out DIR --fail-on none"
B_CMD="nmap -sV -p $PORTS --script broadcast-wsdd-discover,broadcast-upnp-info,broadcast-dns-service-discovery,http-title,http-favicon,ssl-cert,rtsp-methods -oX FILE $SUBNET"
for r in $(seq 1 "$ROUNDS"); do
  inlab /usr/bin/time -v -o "$OUT/a$r.time" "${CAM[@]}" scan "$SUBNET" --out "$OUT/a$r" --format json --fail-on none >"$OUT/a$r.log" 2>&1 || true
  "${TSX[@]}" bench/collect.ts ab --state "$STATE" --tool camaudit --round "$r" --time "$OUT/a$r.time" --output "$OUT/a$r/report.json" --profiles fixtures/devices || true
  # shellcheck disable=SC2086
  inlab /usr/bin/time -v -o "$OUT/b$r.time" nmap -sV -p "$PORTS" --script broadcast-wsdd-discover,broadcast-upnp-info,broadcast-dns-service-discovery,http-title,http-favicon,ssl-cert,rtsp-methods -oX "$OUT/b$r.xml" "$SUBNET" >"$OUT/b$r.log" 2>&1 || true
  "${TSX[@]}" bench/collect.ts ab --state "$STATE" --tool nmap --round "$r" --time "$OUT/b$r.time" --output "$OUT/b$r.xml" --profiles fixtures/devices || true
done
# Planning only: nothing is sent, so these run outside the lab.
for spec in "/24 dry-run:198.18.0.0/24" "/16 dry-run:198.18.0.0/16"; do
  name=${spec%%:*}; target=${spec#*:}
  /usr/bin/time -v -o "$OUT/dry.time" "${CAM[@]}" scan "$target" --dry-run >/dev/null
  "${TSX[@]}" bench/collect.ts scale --state "$STATE" --name "$name" --command "camaudit scan $target --dry-run" --time "$OUT/dry.time"
done
"${TSX[@]}" bench/collect.ts note --state "$STATE" --note "/20 scan not run: camaudit lab up accepts only a /24 subnet at this commit; --rate measurement (bench/rate.*) not built yet."
node -e "
const os=require('os'),cp=require('child_process');
const sh=(c)=>{try{return cp.execSync(c,{encoding:'utf8'}).trim()}catch{return '?'}};
const meta={date:new Date().toISOString(),machine:{nproc:os.cpus().length,cpu:os.cpus()[0].model,ramMb:Math.round(os.totalmem()/2**20),kernel:os.release()},
versions:{node:process.version,nmap:sh('nmap --version').split('\n')[0],camaudit:require('./package.json').version,commit:sh('git rev-parse --short HEAD')},
lab:{prefix:'$PREFIX',subnet:'$SUBNET',devices:require('fs').readdirSync('fixtures/devices').filter(f=>f.endsWith('.json')).length},
commands:{camaudit:'$A_CMD',nmap:'$B_CMD'}};
require('fs').writeFileSync('$OUT/meta.json',JSON.stringify(meta));"
"${TSX[@]}" bench/collect.ts write --state "$STATE" --meta "$OUT/meta.json" --out bench/results.md
