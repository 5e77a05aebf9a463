#!/usr/bin/env bash
# Builds the offline install bundle: camaudit-X.Y.Z.tgz with every production dependency inside it
# (package.json "bundleDependencies": true), plus SHA256SUMS, INSTALL.txt and install.md. Copy the output folder
# to a USB stick; on the target machine (Node 20, no internet) either
#   npm install -g --offline --no-audit --no-fund ./camaudit-X.Y.Z.tgz
# or untar it and run `node package/bin/camaudit.js`.
#
# usage: scripts/pack-offline.sh [--out DIR] [--no-build]
#   --out DIR    where to write the bundle (default: ./offline)
#   --no-build   use the existing dist/ (CI's `npm test` has just built it)
set -euo pipefail

die() { printf 'pack-offline: %s\n' "$*" >&2; exit 2; }

out="offline"
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out="$2"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done

here="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out" || die "cannot create $out"
out="$(cd "$out" && pwd)"
cd "$here"

command -v node >/dev/null || die "node is not on PATH (Node.js 20 is needed)"
command -v npm >/dev/null || die "npm is not on PATH"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || die "Node.js 20 or later is needed (found $(node --version))"
node -e 'process.exit(require("./package.json").bundleDependencies === true ? 0 : 1)' \
  || die 'package.json lacks "bundleDependencies": true; the tarball would need the registry'

if [ "$build" = 1 ]; then
  npm run --silent build || die "npm run build failed"
fi
[ -f dist/src/cli/main.js ] || die "dist/src/cli/main.js is missing: run npm run build (or drop --no-build)"

# A native add-on would tie the bundle to one OS/CPU/Node ABI: refuse to build one silently.
native="$(npm ls --omit=dev --all --parseable 2>/dev/null | tail -n +2 | while read -r dir; do
  find "$dir" -maxdepth 4 \( -name '*.node' -type f -o -name binding.gyp \) -not -path '*/node_modules/*/node_modules/*' 2>/dev/null
done | head -5)"
[ -z "$native" ] || die "a production dependency has a native add-on (not portable offline): $native"

stage="$(mktemp -d "${TMPDIR:-/tmp}/camaudit-pack.XXXXXX")"
trap 'rm -rf "$stage"' EXIT

# --ignore-scripts: dist/ is already built; `prepare` would rebuild it from the shared tree.
tgz_name="$(npm pack --ignore-scripts --silent --pack-destination "$stage" | tail -n 1)"
[ -f "$stage/$tgz_name" ] || die "npm pack did not produce a tarball"

# The installed package must not carry the developer scripts: npm 11 lists `prepare` as an
# unapproved install script and suggests --allow-scripts, which would try to run tsc (not bundled).
mkdir "$stage/x"
tar -xzf "$stage/$tgz_name" -C "$stage/x"
node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const p = JSON.parse(fs.readFileSync(file, "utf8"));
  delete p.scripts;
  delete p.devDependencies;
  fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n");
' "$stage/x/package/package.json"

# Every dependency must be inside the tarball, or npm would ask the registry for it.
missing="$(node -e '
  const fs = require("fs"), path = require("path");
  const root = process.argv[1];
  const deps = Object.keys(require(path.join(root, "package.json")).dependencies || {});
  console.log(deps.filter((d) => !fs.existsSync(path.join(root, "node_modules", d, "package.json"))).join(" "));
' "$stage/x/package")"
[ -z "$missing" ] || die "dependencies missing from the bundle: $missing"

# Re-pack: owner-neutral, and name-sorted where GNU tar allows it (same input, same bytes order).
tar_opts=(--owner=0 --group=0 --numeric-owner)
if tar --version 2>/dev/null | grep -q 'GNU tar'; then tar_opts+=(--sort=name); else tar_opts=(); fi
rm -f "$out/$tgz_name"
(cd "$stage/x" && tar "${tar_opts[@]}" -czf "$out/$tgz_name" package)

version="$(node -p 'require("./package.json").version')"
cat >"$out/INSTALL.txt" <<EOF
camaudit $version: offline install bundle (all production dependencies included)

Needs Node.js 20 (20.19 or later) on the target machine; nothing is downloaded.

1. Check the file:   sha256sum -c SHA256SUMS            (macOS: shasum -a 256 -c SHA256SUMS)
                     Windows PowerShell: Get-FileHash .\\$tgz_name -Algorithm SHA256
                     and compare with the line in SHA256SUMS.
2. Install it:       npm install -g --offline --no-audit --no-fund ./$tgz_name
   (no admin rights: add --prefix "\$HOME/.local" and put \$HOME/.local/bin on PATH)
3. Run:              camaudit doctor
Or without npm:      tar -xzf $tgz_name && node package/bin/camaudit.js doctor

Full guide: install.md beside this file (also inside the tarball at package/docs/install.md).
EOF

# The full guide beside the tarball, readable before anything is installed.
cp docs/install.md "$out/install.md"

(
  cd "$out"
  if command -v sha256sum >/dev/null; then sha256sum "$tgz_name" INSTALL.txt install.md >SHA256SUMS
  else shasum -a 256 "$tgz_name" INSTALL.txt install.md >SHA256SUMS; fi
)

bytes="$(wc -c <"$out/$tgz_name" | tr -d ' ')"
files="$(tar -tzf "$out/$tgz_name" | wc -l | tr -d ' ')"
printf 'pack-offline: %s/%s (%s bytes, %s files)\n' "$out" "$tgz_name" "$bytes" "$files"
printf 'pack-offline: %s\n' "$(head -n 1 "$out/SHA256SUMS")"
