// How large a saved result every renderer handles (issue 18: a 528 MB result passed the old 512 MiB cap, then failed
// with "Invalid string length" at 2.6 GB). Builds SYNTHETIC results of growing size (devices with evidence, plus the
// raw observations a scan keeps), writes each compact (the worst case for the pretty-printed report.json), and runs
// what `camaudit report` runs after reading it (schema check, then json, csv, html, cyclonedx and terminal through
// writeReports) in a child process under /usr/bin/time -v. The child parses the file itself, so sizes above the
// cap in src/report/read-result.ts (MAX_RESULT_BYTES) are measured too. Figures are ratios against the 1 MiB
// reference run in the same script. Run: `npx tsx bench/result-size.ts [MiB,…]` (default 1,16,64,128,256).
import { mkdtempSync, rmSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseTimeV } from './time-v.js';
import { device, hikvision, result } from '../test/helpers/result-builder.js';
import type { ScanResult } from '../src/core/result.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SIZES = (process.argv[2] === '--child' ? '1' : (process.argv[2] ?? '1,16,64,128,256')).split(',').map(Number);

/** A result of about `mib` MiB of compact JSON: 40% device records, 60% raw observations. */
function build(mib: number): ScanResult {
  const target = mib * 1024 * 1024;
  const one = hikvision({ evidence: Array.from({ length: 8 }, (_, k) => ({ module: 'http', field: `http.header${k}`, value: `App-webs/ value ${k} `.repeat(4), rule: 'http-hik', concludes: 'manufacturer=hikvision' })) });
  const obs = (ip: string, k: number) => ({ host: ip, module: 'http', kind: 'http', port: 80, fields: { server: 'App-webs/', title: `cam ${k}`, status: 200, headers: ['a', 'b', 'c'] }, raw: 'HTTP/1.1 200 OK\r\nServer: App-webs/\r\n\r\n'.repeat(4), at: '2026-11-28T10:00:00.000Z' });
  const perDevice = JSON.stringify(one).length + 10 * JSON.stringify(obs('198.18.0.1', 1)).length;
  const n = Math.max(1, Math.round(target / perDevice));
  const devices = Array.from({ length: n }, (_, i) => {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const mac = `02:00:${[(i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
    return i % 3 === 0 ? device({ ip, mac, ids: [`mac:${mac}`] }) : { ...one, ip, mac, serial: `SYN${i}`, ids: [`mac:${mac}`, `serial:SYN${i}`] };
  });
  const r = result(devices) as ScanResult & { observations: unknown[] };
  r.observations = devices.flatMap((d, i) => Array.from({ length: 10 }, (_, k) => obs(d.ip, i * 10 + k)));
  return r;
}

interface Row { mib: number; bytes: number; devices: number; wallS: number; rssMb: number; ok: boolean; why: string }

function run(mib: number, work: string): Row {
  const r = build(mib);
  const file = path.join(work, `synthetic-result-${mib}.json`);
  writeFileSync(file, JSON.stringify(r));
  const bytes = statSync(file).size;
  const timeFile = path.join(work, 'time.txt');
  const out = path.join(work, `out-${mib}`);
  const p = spawnSync('/usr/bin/time', ['-v', '-o', timeFile, process.execPath, '--import', 'tsx', path.join(ROOT, 'bench/result-size.ts'), '--child', file, out], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const t = parseTimeV(readFileSync(timeFile, 'utf8'));
  const why = (p.stderr || '').trim().split('\n').pop() ?? '';
  rmSync(out, { recursive: true, force: true });
  rmSync(file, { force: true });
  return { mib, bytes, devices: r.devices.length, wallS: t?.wallSeconds ?? NaN, rssMb: Math.round((t?.maxRssKb ?? 0) / 1024), ok: p.status === 0, why: p.status === 0 ? '' : why.slice(0, 160) };
}

/** The child: what `report` does after reading the file, without the read cap. */
async function child(file: string, out: string): Promise<void> {
  const { validateResult } = await import('../src/report/schema.js');
  const { writeReports } = await import('../src/report/index.js');
  const json = JSON.parse(readFileSync(file, 'utf8')) as ScanResult;
  const errors = validateResult(json);
  if (errors.length) throw new Error(`not valid: ${errors[0]}`);
  await writeReports(json, out, ['json', 'csv', 'html', 'cyclonedx', 'terminal']);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!);
  process.exit(0);
}

const work = mkdtempSync(path.join(tmpdir(), 'camaudit-result-size-'));
try {
  const rows = SIZES.map((m) => run(m, work));
  const ref = rows[0]!;
  console.log(`| result (compact) | devices | exit | wall | × ref | peak RSS | × ref | why not |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  for (const r of rows) {
    console.log(`| ${(r.bytes / 2 ** 20).toFixed(1)} MiB | ${r.devices} | ${r.ok ? 0 : 'fail'} | ${r.wallS.toFixed(1)} s | ${(r.wallS / ref.wallS).toFixed(1)} | ${r.rssMb} MB | ${(r.rssMb / ref.rssMb).toFixed(1)} | ${r.why} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
