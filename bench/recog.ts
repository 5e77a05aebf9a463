// The matcher with the Recog import, measured against a build without it (issue 15): run
//   npx tsx bench/recog.ts --before <root of an older checkout, built> [--devices 1000] [--captures 2000]
//                          [--scan-result <report.json of a scan with observations>] [--rounds 3]
// Both builds are measured in this script, same inputs, same machine load, so the figures are ratios against the
// reference build as much as times. Inputs are real: captures of fixtures/captures/shared and dev (never blind) and
// the Recog examples of fingerprints/third-party/recog (as identify samples labelled with their Recog file).
//   A. attribution of N devices, in a fresh process per build: the first device pays the database load (reported
//      apart), then the mean per device. Devices are 1–3 samples each (fixed seed), parsed by this build's parser so
//      both builds attribute the same observations.
//   B. `camaudit identify --json` over M capture files, end to end (process start, database load, parsing,
//      attribution, output), median wall of the rounds. Target: ≤ 10 s for 2,000.
//   C. a scan's attribution step as a share of its wall time (target ≤ 10 %): from the scan's own stats
//      (`scan.stats.attribution`, this build), and replayed for both builds: buildResult over the scan's
//      observations in a fresh process, after the fingerprint data load a scan now does before sending anything
//      (timed apart).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Sample {
  protocol: string;
  payload: unknown;
}

/** Deterministic PRNG (mulberry32) so every run builds the same devices. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function captures(): Sample[] {
  const out: Sample[] = [];
  for (const set of ['shared', 'dev']) {
    const dir = path.join(ROOT, 'fixtures/captures', set);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const d = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Sample;
      out.push({ protocol: d.protocol, payload: d.payload });
    }
  }
  return out;
}

async function recogExamples(): Promise<Sample[]> {
  const { loadRecog } = (await import(pathToFileURL(path.join(ROOT, 'src/fingerprint/recog/load.ts')).href)) as typeof import('../src/fingerprint/recog/load.js');
  return loadRecog().rules.flatMap((r) => r.examples.map((e) => ({ protocol: r.file.replace(/\.xml$/, ''), payload: e.value })));
}

/** The sample mix: every capture and Recog example once, in a fixed shuffled order, repeated to n. */
function mix(all: Sample[], n: number, seed: number): Sample[] {
  const rnd = prng(seed);
  const order = [...all];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return Array.from({ length: n }, (_, i) => order[i % order.length]!);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A: child process script timing attribution of the devices in `file` with the build at `root`. */
const ATTRIBUTE_CHILD = `
const [root, file] = process.argv.slice(1);
const { attributeHost } = await import(root + '/dist/src/fingerprint/attribute.js');
const devices = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8'));
let t = performance.now();
attributeHost(devices[0]);
const first = performance.now() - t;
t = performance.now();
let named = 0;
for (let i = 1; i < devices.length; i++) if (attributeHost(devices[i]).manufacturer) named++;
const rest = performance.now() - t;
process.stdout.write(JSON.stringify({ first, rest, n: devices.length - 1, named }));
`;

/**
 * C: child process script timing buildResult over a scan result's observations with the build at `root`, after
 * loading the fingerprint data as a scan now does before sending anything (that load is timed apart).
 */
const SCAN_CHILD = `
const [root, file] = process.argv.slice(1);
const { buildResult } = await import(root + '/dist/src/engine/build-result.js');
const { attributeHost } = await import(root + '/dist/src/fingerprint/attribute.js');
const r = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8'));
const byHost = new Map();
for (const o of r.observations) byHost.set(o.host, [...(byHost.get(o.host) ?? []), o]);
const l = performance.now();
attributeHost([{ host: '0.0.0.0', module: 'preload', kind: 'neigh', fields: { mac: '00:00:00:00:00:00' }, at: new Date(0).toISOString() }]);
const load = performance.now() - l;
const t = performance.now();
const out = buildResult(byHost, { startedAt: r.scan.startedAt, finishedAt: r.scan.finishedAt, targets: r.scan.targets, excluded: [], interfaces: [], modules: [], options: {}, complete: true, stats: {}, hostsScanned: 0, hostsAlive: byHost.size });
const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ ms, load, devices: out.devices.length, named: out.devices.filter((d) => d.manufacturer).length }));
`;

function child(script: string, args: string[]): Record<string, number> {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr.split('\n').slice(0, 3).join(' ')}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

async function main(): Promise<void> {
  const before = arg('--before');
  if (!before) throw new Error('usage: npx tsx bench/recog.ts --before <older checkout, built> [--devices N] [--captures M] [--scan-result FILE]');
  const builds: Array<[string, string]> = [
    ['before', path.resolve(before)],
    ['after', ROOT],
  ];
  const nDevices = Number(arg('--devices') ?? 1000);
  const nCaptures = Number(arg('--captures') ?? 2000);
  const rounds = Number(arg('--rounds') ?? 3);
  const caps = captures();
  const recog = await recogExamples();
  const all = [...caps, ...recog];
  const tmp = path.join(os.tmpdir(), `camaudit-bench-recog-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const lines: string[] = [];
  const say = (s: string) => {
    lines.push(s);
    process.stdout.write(s + '\n');
  };
  say(`inputs: ${caps.length} captures (shared+dev) and ${recog.length} Recog examples; load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  // A. devices: 1-3 samples each, observations from this build's parser.
  const { evidenceFromSample } = (await import(pathToFileURL(path.join(ROOT, 'src/identify/input.ts')).href)) as typeof import('../src/identify/input.js');
  const rnd = prng(15);
  const pool = mix(all, all.length, 7);
  const devices = Array.from({ length: nDevices + 1 }, (_, d) => {
    const k = 1 + Math.floor(rnd() * 3);
    const host = `198.18.${(d >> 8) & 255}.${d & 255}`;
    return Array.from({ length: k }, () => pool[Math.floor(rnd() * pool.length)]!).flatMap((s) =>
      evidenceFromSample(s.protocol, s.payload).map((ev) => ({ host, module: 'bench', kind: ev.kind, fields: ev.fields, at: '2026-12-07T00:00:00.000Z' })),
    );
  });
  const devFile = path.join(tmp, 'devices.json');
  writeFileSync(devFile, JSON.stringify(devices));
  const a: Record<string, { first: number; perDevice: number; total: number; named: number }> = {};
  for (const [name, root] of builds) {
    const runs = Array.from({ length: rounds }, () => child(ATTRIBUTE_CHILD, [root, devFile]));
    const rest = median(runs.map((r) => r.rest!));
    a[name] = { first: median(runs.map((r) => r.first!)), perDevice: rest / nDevices, total: rest, named: runs[0]!.named! };
    say(`A ${name}: ${nDevices} devices in ${(rest / 1000).toFixed(2)} s (${(rest / nDevices).toFixed(2)} ms/device, ${a[name].named} with a maker); first device with the database load ${a[name].first.toFixed(0)} ms`);
  }
  say(`A after/before: ${(a.after!.total / a.before!.total).toFixed(2)}x per device; load ${(a.after!.first / a.before!.first).toFixed(2)}x; devices with a maker ${a.before!.named} → ${a.after!.named}`);

  // B. identify over M capture files, end to end.
  const capDir = path.join(tmp, 'captures');
  mkdirSync(capDir, { recursive: true });
  const files = mix(all, nCaptures, 11).map((s, i) => {
    const f = path.join(capDir, `c${String(i).padStart(5, '0')}.json`);
    writeFileSync(f, JSON.stringify(s));
    return f;
  });
  const b: Record<string, number> = {};
  for (const [name, root] of builds) {
    const walls: number[] = [];
    let named = 0;
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      const p = spawnSync(process.execPath, [path.join(root, 'bin/camaudit.js'), 'identify', '--json', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
      walls.push(performance.now() - t);
      if (p.status !== 0 && p.status !== 1) throw new Error(`identify (${name}) exited ${p.status}: ${p.stderr.slice(0, 200)}`);
      named = (JSON.parse(p.stdout) as Array<{ manufacturer?: string | null }>).filter((x) => x.manufacturer).length;
    }
    b[name] = median(walls);
    say(`B ${name}: camaudit identify --json over ${nCaptures} files: median ${(b[name] / 1000).toFixed(2)} s of ${rounds} (${walls.map((w) => (w / 1000).toFixed(2)).join(', ')}); ${named}/${nCaptures} with a maker; target ≤ 10 s ${b[name] <= 10_000 ? 'met' : 'NOT met'}`);
  }
  say(`B after/before: ${(b.after! / b.before!).toFixed(2)}x`);

  // C. a scan's attribution step.
  const scan = arg('--scan-result');
  if (scan) {
    const r = JSON.parse(readFileSync(scan, 'utf8')) as { scan: { startedAt: string; finishedAt: string; stats?: Record<string, Record<string, number>> }; observations?: unknown[] };
    if (!r.observations?.length) throw new Error(`${scan}: no observations (scan without --no-observations)`);
    const scanMs = new Date(r.scan.finishedAt).getTime() - new Date(r.scan.startedAt).getTime();
    const inScan = r.scan.stats?.attribution;
    if (inScan) {
      const ms = inScan['duration-ms']!;
      say(`C in the scan itself (this build): attribution of ${inScan.devices} devices ${ms} ms = ${((100 * ms) / (scanMs + ms)).toFixed(1)} % of the scan's ${((scanMs + ms) / 1000).toFixed(1)} s (discovery and probes ${(scanMs / 1000).toFixed(1)} s); fingerprint data loaded before the scan in ${inScan['data-load-ms']} ms; target ≤ 10 % ${ms / (scanMs + ms) <= 0.1 ? 'met' : 'NOT met'}`);
    }
    for (const [name, root] of builds) {
      const runs = Array.from({ length: rounds }, () => child(SCAN_CHILD, [root, path.resolve(scan)]));
      const ms = median(runs.map((x) => x.ms!));
      const load = median(runs.map((x) => x.load!));
      say(`C ${name}, replayed: attribution of ${runs[0]!.devices} devices (${r.observations.length} observations) ${ms.toFixed(0)} ms = ${((100 * ms) / (scanMs + ms)).toFixed(1)} % of that scan's ${((scanMs + ms) / 1000).toFixed(1)} s; data load ${load.toFixed(0)} ms (before the scan); ${runs[0]!.named} with a maker`);
    }
  }
  rmSync(tmp, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench/recog: ${(e as Error).message}\n`);
  process.exitCode = 2;
});
