#!/usr/bin/env node
// Builds camaudit as a single executable (Node SEA) for the OS and CPU this runs on:
//   1. esbuild bundles the CLI (scripts/sea-entry.ts) into one CommonJS file;
//   2. the data read at run time (fingerprints/, docs/schema/, OUI registry, CycloneDX schemas) is
//      packed into one SEA asset, unpacked at start by src/core/sea-assets.ts;
//   3. node --experimental-sea-config writes the blob, postject injects it into a copy of this node.
// Same script on Linux, macOS and Windows (plain Node, no shell). Paths come from sea-config.json.
//
// usage: node scripts/build-sea.mjs [--out DIR]      (default: sea/)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// Node's documented sentinel: the SEA fuse in every node binary that supports single executables.
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function die(msg) {
  process.stderr.write(`build-sea: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  let out = path.join(ROOT, 'sea');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' && argv[i + 1]) out = path.resolve(argv[++i]);
    else if (a.startsWith('--out=')) out = path.resolve(a.slice(6));
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node scripts/build-sea.mjs [--out DIR]   (default: sea/)\n');
      process.exit(0);
    } else die(`unknown option: ${a} (see --help)`);
  }
  return { out };
}

function checkTools() {
  for (const [name, why] of [['esbuild', 'bundles the CLI'], ['postject', 'injects the blob']]) {
    if (!existsSync(path.join(ROOT, 'node_modules', name, 'package.json'))) die(`node_modules/${name} is missing (it ${why}): run npm ci first; it is a devDependency`);
  }
}

function checkNode() {
  const [maj, min] = process.versions.node.split('.').map(Number);
  // SEA assets (sea.getAsset) arrived in Node 20.12.
  if (maj < 20 || (maj === 20 && min < 12)) die(`Node 20.12 or later is needed to build a single executable (this is ${process.version})`);
  const bin = readFileSync(process.execPath);
  if (!bin.includes(Buffer.from(FUSE))) die(`${process.execPath} has no SEA fuse (built without single-executable support): use the nodejs.org build of Node 20`);
  if (bin.includes(Buffer.from(`${FUSE}:1`))) die(`${process.execPath} is itself a single executable; run this with a plain node`);
}

/** Every file under dir, as forward-slash paths relative to ROOT. */
function walk(dir) {
  const out = [];
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...walk(rel));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** The data the CLI reads from disk at run time, keyed as it will sit under CAMAUDIT_ROOT. */
function collectData() {
  const files = {};
  const add = (rel, buf) => {
    files[rel] = buf.toString('base64');
  };
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  // version.ts reads the version; fingerprint-info.ts the pinned oui-data version.
  add('package.json', Buffer.from(JSON.stringify({ name: pkg.name, version: pkg.version, type: pkg.type, license: pkg.license, dependencies: pkg.dependencies }, null, 2) + '\n'));
  for (const rel of [...walk('fingerprints'), ...walk('docs/schema')]) add(rel, readFileSync(path.join(ROOT, rel)));
  // Resolved the way the CLI resolves them (createRequire(...).resolve), so the same folders are used.
  const ouiMainFile = require.resolve('oui-data');
  let ouiDir = path.dirname(ouiMainFile);
  while (!existsSync(path.join(ouiDir, 'package.json'))) ouiDir = path.dirname(ouiDir); // no ./package.json export

  add('node_modules/oui-data/package.json', readFileSync(path.join(ouiDir, 'package.json')));
  const ouiMain = path.relative(ouiDir, ouiMainFile).split(path.sep).join('/');
  add(`node_modules/oui-data/${ouiMain}`, readFileSync(ouiMainFile));
  const cdxDir = path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json'));
  add('node_modules/@cyclonedx/cyclonedx-library/package.json', readFileSync(path.join(cdxDir, 'package.json')));
  for (const e of readdirSync(path.join(cdxDir, 'res', 'schema'))) {
    const f = path.join(cdxDir, 'res', 'schema', e);
    if (statSync(f).isFile()) add(`node_modules/@cyclonedx/cyclonedx-library/res/schema/${e}`, readFileSync(f));
  }
  return { format: 1, files };
}

async function bundle(outfile) {
  const esbuild = await import('esbuild');
  // playwright-core (PDF) is not bundled: it drives a browser through files of its own. The shim
  // loads it from CAMAUDIT_ROOT if that holds a full install, else explains what to do.
  const playwrightShim = {
    name: 'playwright-shim',
    setup(build) {
      build.onResolve({ filter: /^playwright-core$/ }, () => ({ path: 'playwright-core', namespace: 'camaudit-shim' }));
      build.onLoad({ filter: /.*/, namespace: 'camaudit-shim' }, () => ({
        resolveDir: ROOT,
        loader: 'js',
        contents: `
          import { createRequire } from 'node:module';
import os from 'node:os';
          import path from 'node:path';
          import { RuntimeError } from './src/core/errors.ts';
          let mod;
          try {
            mod = createRequire(path.join(process.env.CAMAUDIT_ROOT || '.', 'package.json'))('playwright-core');
          } catch {
            throw new RuntimeError('PDF reports are not available in the single executable (playwright-core is not inside it): use --format html and print it to PDF from a browser, or install camaudit with npm (docs/install.md)', 'CAMAUDIT_ERR_PDF_ENGINE');
          }
          export const chromium = mod.chromium;
          export default mod;
        `,
      }));
    },
  };
  // Optional modules that are not installed and that their users require inside try/catch
  // (CycloneDX's XML/validator plug-ins; supports-color for debug). A SEA's own require() would print
  // a warning for them, so they become a module that fails the way a missing one does.
  const absentOptionalShim = {
    name: 'absent-optional',
    setup(build) {
      build.onResolve({ filter: /^(xmlbuilder2|libxmljs2|ajv-formats-draft2019|supports-color)$/ }, (a) => ({ path: a.path, namespace: 'camaudit-absent' }));
      build.onLoad({ filter: /.*/, namespace: 'camaudit-absent' }, (a) => ({
        loader: 'js',
        contents: `throw Object.assign(new Error(${JSON.stringify(`Cannot find module '${a.path}'`)}), { code: 'MODULE_NOT_FOUND' });`,
      }));
    },
  };
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'scripts', 'sea-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [playwrightShim, absentOptionalShim],
    // CommonJS has no import.meta: give import.meta.url a file inside CAMAUDIT_ROOT, read when used,
    // so createRequire(import.meta.url) resolves the unpacked node_modules/ (oui-data, CycloneDX schemas).
    define: { 'import.meta.url': 'globalThis.__camauditMetaUrl' },
    banner: {
      js: "Object.defineProperty(globalThis, '__camauditMetaUrl', { configurable: true, get() { const p = require('node:path'); return require('node:url').pathToFileURL(p.join(process.env.CAMAUDIT_ROOT || p.dirname(process.execPath), 'camaudit.cjs')).href; } });",
    },
    legalComments: 'none',
    logLevel: 'warning',
    metafile: false,
  });
  if (result.errors.length) die('esbuild failed');
}

function run(cmd, args, what, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env });
  if (r.status !== 0) die(`${what} failed: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-3).join(' | ')}`);
  return r.stdout;
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  checkTools();
  checkNode();
  const started = Date.now();
  const template = JSON.parse(readFileSync(path.join(ROOT, 'sea-config.json'), 'utf8'));
  // sea-config.json names files under sea/; move them under --out.
  const place = (p) => path.join(out, path.relative('sea', p));
  const config = { ...template, main: place(template.main), output: place(template.output), assets: {} };
  for (const [k, v] of Object.entries(template.assets ?? {})) config.assets[k] = place(v);
  mkdirSync(out, { recursive: true });

  await bundle(config.main);

  const data = JSON.stringify(collectData());
  const id = createHash('sha256').update(data).digest('hex');
  const dataKey = Object.keys(config.assets).find((k) => k.endsWith('.json'));
  const idKey = Object.keys(config.assets).find((k) => k.endsWith('.id'));
  if (!dataKey || !idKey) die('sea-config.json must list the camaudit-data.json and camaudit-data.id assets');
  writeFileSync(config.assets[dataKey], data);
  writeFileSync(config.assets[idKey], id + '\n');

  const resolved = path.join(out, 'sea-config.resolved.json');
  writeFileSync(resolved, JSON.stringify(config, null, 2) + '\n');
  run(process.execPath, ['--experimental-sea-config', resolved], 'node --experimental-sea-config');

  const exe = path.join(out, process.platform === 'win32' ? 'camaudit.exe' : 'camaudit');
  rmSync(exe, { force: true });
  copyFileSync(process.execPath, exe);
  chmodSync(exe, 0o755);
  if (process.platform === 'darwin') run('codesign', ['--remove-signature', exe], 'codesign --remove-signature');

  const { inject } = require('postject');
  await inject(exe, 'NODE_SEA_BLOB', readFileSync(config.output), {
    sentinelFuse: FUSE,
    ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
  if (process.platform === 'darwin') run('codesign', ['--sign', '-', exe], 'codesign --sign -');

  // Smoke run with a throw-away cache, so building leaves nothing in the builder's own cache folder.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'camaudit-sea-check-'));
  const env = { ...process.env, HOME: scratch, USERPROFILE: scratch, XDG_CACHE_HOME: scratch, LOCALAPPDATA: scratch };
  delete env.CAMAUDIT_ROOT;
  let version;
  try {
    version = run(exe, ['--version'], `${exe} --version`, env).trim();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const bytes = statSync(exe).size;
  const sum = createHash('sha256').update(readFileSync(exe)).digest('hex');
  writeFileSync(path.join(out, 'SHA256SUMS'), `${sum}  ${path.basename(exe)}\n`);
  process.stdout.write(`build-sea: ${exe} (${(bytes / 1e6).toFixed(1)} MB, ${process.platform}-${process.arch}, ${((Date.now() - started) / 1000).toFixed(1)} s): ${version}\n`);
  process.stdout.write(`build-sea: sha256 ${sum}\n`);
}

main().catch((err) => die(err instanceof Error ? err.message.split('\n')[0] : String(err)));
