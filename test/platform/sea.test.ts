// The single executable (Node SEA), for real: scripts/build-sea.mjs builds it for this machine, the
// file is copied alone into an empty folder (no node_modules, no checkout, CAMAUDIT_ROOT unset), and
// its verdicts on real corpus captures must equal the normal CLI's. Plus the unpacking logic of
// src/core/sea-assets.ts on its own. Slow part: the build (~10 s measured, 30–60 s on a loaded box).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheBase, materialise, safeRelative, writeBundle, type SeaDataBundle } from '../../src/core/sea-assets.js';
import { validateCycloneDx } from '../../src/report/cyclonedx.js';
import { sampleResult } from '../helpers/result-builder.js';
import { captureDir } from '../helpers/captures.js';

const ROOT = path.join(__dirname, '../..');
const CORPUS = captureDir('shared');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ENTRY = path.join(ROOT, 'src/cli/entry.ts');
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const META = JSON.parse(readFileSync(path.join(ROOT, 'fingerprints/meta.json'), 'utf8')) as { version: string };
const HAS_POSTJECT = existsSync(path.join(ROOT, 'node_modules/postject/package.json'));
const CAN_BUILD = HAS_POSTJECT && process.platform === 'linux' && process.arch === 'x64';

// Real captures across protocols (SADP, DHIP, HTTP, Xiongmai, ONVIF, SSDP, mDNS, TLS, RTSP).
const SAMPLES = [
  'ezviz-sadp-1.json',
  'intelbras-dhip-1.json',
  'dahua-http-1.json',
  'xiongmai-xiongmai-2.json',
  'hikvision-onvif-devinfo-1.json',
  'sonos-ssdp-1.json',
  'google-mdns-1.json',
  'ubiquiti-tls-1.json',
  'hikvision-rtsp-1.json',
  'axis-http-3.json',
].map((f) => path.join(CORPUS, f));

describe('sea-assets: unpacking the embedded data', () => {
  let tmp = '';
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'sea-unit-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const bundle = (files: Record<string, string>): SeaDataBundle => ({ format: 1, files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) });

  it('accepts plain relative paths only', () => {
    for (const ok of ['package.json', 'fingerprints/rules/sadp.json', 'node_modules/@cyclonedx/cyclonedx-library/res/schema/bom-1.6.SNAPSHOT.schema.json']) expect(safeRelative(ok), ok).toBe(true);
    for (const bad of ['', '../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', 'a//b', './a', 'a/\0b', 'x'.repeat(301)]) expect(safeRelative(bad), bad).toBe(false);
  });

  it('writes every file, and refuses a path that would leave the folder', () => {
    const dir = path.join(tmp, 'w');
    mkdirSync(dir);
    expect(writeBundle(bundle({ 'a.json': '{"a":1}', 'd/e/f.txt': 'x' }), dir)).toBe(2);
    expect(readFileSync(path.join(dir, 'd/e/f.txt'), 'utf8')).toBe('x');
    expect(() => writeBundle(bundle({ '../escape.txt': 'no' }), dir)).toThrow(/unsafe path/);
    expect(existsSync(path.join(tmp, 'escape.txt'))).toBe(false);
    expect(() => writeBundle({ format: 2 } as unknown as SeaDataBundle, dir)).toThrow(/unknown format/);
  });

  it('writes the data once per content id, then reuses it without reading the asset again', () => {
    const base = path.join(tmp, 'cache');
    let reads = 0;
    const read = () => {
      reads++;
      return JSON.stringify(bundle({ 'fingerprints/meta.json': '{"version":"t"}' }));
    };
    const id = 'ab'.repeat(32);
    const first = materialise(read, id, base);
    expect(first).toBe(path.join(base, `data-${id.slice(0, 32)}`));
    expect(readFileSync(path.join(first, 'fingerprints/meta.json'), 'utf8')).toBe('{"version":"t"}');
    expect(reads).toBe(1);
    expect(materialise(read, id, base)).toBe(first);
    expect(reads).toBe(1);
    // Only the finished folder remains: no staging folder left behind.
    expect(readdirSync(base)).toEqual([`data-${id.slice(0, 32)}`]);
  });

  it('replaces a folder left incomplete by a killed run', () => {
    const base = path.join(tmp, 'cache2');
    const id = 'cd'.repeat(32);
    const stale = path.join(base, `data-${id.slice(0, 32)}`);
    mkdirSync(stale, { recursive: true });
    writeFileSync(path.join(stale, 'half-written.json'), '{');
    const dir = materialise(() => JSON.stringify(bundle({ 'package.json': '{}' })), id, base);
    expect(dir).toBe(stale);
    expect(existsSync(path.join(dir, 'half-written.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'package.json'))).toBe(true);
  });

  it('falls back to a private temp folder when the cache cannot be written', () => {
    const notADir = path.join(tmp, 'file-not-dir');
    writeFileSync(notADir, 'x');
    const dir = materialise(() => JSON.stringify(bundle({ 'package.json': '{"version":"9"}' })), 'ef'.repeat(32), path.join(notADir, 'camaudit'));
    expect(dir.startsWith(path.join(os.tmpdir(), 'camaudit-data-'))).toBe(true);
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{"version":"9"}');
    rmSync(dir, { recursive: true, force: true });
  });

  it('cache folder per platform', () => {
    expect(cacheBase({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u')).toBe('/x/cache/camaudit');
    expect(cacheBase({}, 'linux', '/home/u')).toBe('/home/u/.cache/camaudit');
    expect(cacheBase({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/camaudit');
    expect(cacheBase({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toContain('camaudit');
  });
});

describe.skipIf(!CAN_BUILD)('single executable for Linux x64 (built here, run alone)', () => {
  let tmp = '';
  let exe = '';
  let runDir = '';
  let home = '';
  let buildMs = 0;
  let ref: SpawnSyncReturns<string> | null = null;

  function run(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): SpawnSyncReturns<string> {
    const clean: NodeJS.ProcessEnv = { ...process.env, HOME: home, NO_COLOR: '1', ...env };
    delete clean.CAMAUDIT_ROOT;
    delete clean.XDG_CACHE_HOME;
    if (env.XDG_CACHE_HOME) clean.XDG_CACHE_HOME = env.XDG_CACHE_HOME;
    return spawnSync(exe, args, { cwd: runDir, env: clean, encoding: 'utf8', timeout: 120_000, input });
  }

  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'sea-build-'));
    const out = path.join(tmp, 'out');
    ref = spawnSync(TSX, [ENTRY, 'identify', '--json', ...SAMPLES], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
    if (ref.status !== 1) throw new Error(`reference identify with the normal CLI failed (${ref.status}): ${ref.stderr.trim().split('\n').slice(-2).join(' | ')}`);
    const started = Date.now();
    const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-sea.mjs'), '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    buildMs = Date.now() - started;
    if (b.status !== 0) throw new Error(`build-sea.mjs failed (${b.status}): ${(b.stderr || b.stdout).trim().split('\n').filter((l) => !l.includes('string offset')).slice(-3).join(' | ')}`);
    // The executable alone, in a folder with nothing else: no node_modules, no fingerprints.
    runDir = path.join(tmp, 'run');
    home = path.join(tmp, 'home');
    mkdirSync(runDir);
    mkdirSync(home);
    exe = path.join(runDir, 'camaudit');
    copyFileSync(path.join(out, 'camaudit'), exe);
    spawnSync('chmod', ['755', exe]);
  }, 240_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('--version names the tool and the embedded fingerprint versions; figures printed', () => {
    const t0 = Date.now();
    const cold = run(['--version']);
    const coldMs = Date.now() - t0;
    const t1 = Date.now();
    const warm = run(['--version']);
    const warmMs = Date.now() - t1;
    expect(cold.status, cold.stderr).toBe(0);
    expect(cold.stdout).toBe(`camaudit ${PKG.version} (fingerprints ${META.version})\n`);
    expect(warm.stdout).toBe(cold.stdout);
    expect(cold.stderr).toBe('');
    console.log(`single executable: ${(statSync(exe).size / 1e6).toFixed(1)} MB; build ${(buildMs / 1000).toFixed(1)} s; --version first run ${coldMs} ms (unpacks data), next ${warmMs} ms`);
    // The data went to the per-user cache, once.
    expect(readdirSync(path.join(home, '.cache/camaudit')).filter((d) => d.startsWith('data-'))).toHaveLength(1);
  });

  it('identify on real corpus captures gives exactly the verdicts of the normal CLI', () => {
    const sea = run(['identify', '--json', ...SAMPLES]);
    // The reference was taken in beforeAll, next to the build, from the same source tree.
    expect(ref, 'reference run of the normal CLI').not.toBeNull();
    expect(sea.stderr).toBe('');
    expect(sea.status).toBe(1); // high-risk devices among them
    expect(sea.status).toBe(ref!.status);
    const got = JSON.parse(sea.stdout) as Array<{ file: string; manufacturer: string | null; brand: string | null; risk: { level: string } }>;
    const want = JSON.parse(ref!.stdout) as typeof got;
    expect(got.length).toBe(want.length);
    for (let i = 0; i < got.length; i++) expect(got[i], `verdict for ${path.basename(got[i].file)}`).toEqual(want[i]);
    expect(got.map((g) => g.manufacturer)).toEqual(['hikvision', 'dahua', 'dahua', 'xiongmai', 'hikvision', 'sonos', 'google', 'ubiquiti', 'hikvision', 'axis']);
    expect(got[1]).toMatchObject({ brand: 'Intelbras', risk: { level: 'high' } });
  });

  it('identify reads a capture from stdin ("-")', () => {
    const r = run(['identify', '-'], {}, readFileSync(path.join(CORPUS, 'axis-http-3.json'), 'utf8'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^-\s+Axis\s+-\s+M1065-LW\s+camera \(confirmed\)\s+confirmed\s+none/m);
  });

  it('scan --dry-run prints the plan and sends nothing', () => {
    const r = run(['scan', '198.18.0.0/24', '--dry-run']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Plan (nothing sent)');
    expect(r.stdout).toMatch(/addresses:\s+256\b/);
    expect(r.stdout).toMatch(/ports:\s+\d+(,\d+)+/);
  });

  it('doctor knows it is a single executable and finds the embedded fingerprints', () => {
    const r = run(['doctor', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as { system: { singleExecutable: boolean }; checks: Array<{ id: string; status: string; detail: string }> };
    expect(rep.system.singleExecutable).toBe(true);
    const fp = rep.checks.find((c) => c.id === 'fingerprints');
    expect(fp?.status).toBe('ok');
    expect(fp?.detail).toContain(META.version);
    expect(fp?.detail).toContain(path.join(home, '.cache/camaudit/data-'));
  });

  it('report writes JSON, CSV (BOM), HTML and a valid CycloneDX from a saved result; PDF says what to do', async () => {
    const input = path.join(tmp, 'synthetic-result.json');
    writeFileSync(input, JSON.stringify(sampleResult()));
    const r = run(['report', input, '--format', 'json,csv,html,cyclonedx', '--out', path.join(tmp, 'rep')]);
    expect(r.status, r.stderr).toBe(0);
    const csv = readFileSync(path.join(tmp, 'rep/report.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(readFileSync(path.join(tmp, 'rep/report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(await validateCycloneDx(readFileSync(path.join(tmp, 'rep/report.cdx.json'), 'utf8'))).toEqual([]);
    // A file that exists stands in for Chromium, so the run reaches the playwright-core import.
    const pdf = run(['report', input, '--format', 'pdf', '--out', path.join(tmp, 'rep-pdf')], { CAMAUDIT_CHROMIUM: process.execPath });
    expect(pdf.status).toBe(3);
    expect(pdf.stderr).toMatch(/^camaudit: PDF reports are not available in the single executable .*--format html/);
    expect(pdf.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('lab and demo refuse with one line; an unknown command is a usage error', () => {
    // Arguments yargs would reject before any handler ran, so nothing is built even if the guard broke.
    const lab = run(['lab', 'no-such-action']);
    expect(lab.status).toBe(2);
    expect(lab.stderr).toMatch(/^camaudit: `camaudit lab` is not available in the single executable/);
    const demo = run(['demo', '--no-such-option']);
    expect(demo.status).toBe(2);
    expect(demo.stderr).toMatch(/^camaudit: `camaudit demo` is not available in the single executable/);
    const bad = run(['nonsense']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^camaudit: Unknown argument: nonsense/);
  });

  it('with an unwritable cache it still runs, from a temp folder removed at exit', () => {
    const tmpdir = path.join(tmp, 'tmpdir');
    mkdirSync(tmpdir);
    const notADir = path.join(tmp, 'cache-is-a-file');
    writeFileSync(notADir, '');
    const env = { XDG_CACHE_HOME: notADir, TMPDIR: tmpdir };
    const r = run(['doctor', '--json'], env);
    expect(r.status, r.stderr).toBe(0);
    const fp = (JSON.parse(r.stdout) as { checks: Array<{ id: string; status: string; detail: string }> }).checks.find((c) => c.id === 'fingerprints');
    expect(fp?.status).toBe('ok');
    expect(fp?.detail).toContain(path.join(tmpdir, 'camaudit-data-'));
    const id = run(['identify', path.join(CORPUS, 'hikvision-isapi-2.json')], env);
    expect(id.status, id.stderr).toBe(1);
    expect(id.stdout).toMatch(/Hikvision\s+-\s+DS-2CD2386G2-IU/);
    expect(readdirSync(tmpdir).filter((d) => d.startsWith('camaudit-data-'))).toEqual([]);
  });
});

describe.skipIf(CAN_BUILD)('single executable (skipped)', () => {
  it.skip(HAS_POSTJECT ? 'the smoke test builds the Linux x64 executable only; this machine is another platform' : 'postject is not installed (npm ci installs it: it is a devDependency)', () => {});
});
