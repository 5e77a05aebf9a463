// The README's first command ends in `camaudit demo`: lab up, scan, reports, lab down. This runs the built CLI
// exactly as `npm run demo` does (own prefix and folder so it cannot collide with a user's lab).
import { describe, it, expect, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { isRoot } from '../helpers/netns.js';
import { fixtureFiles } from '../helpers/fixtures.js';

const PREFIX = 'cdemo';
const labNamespaces = (): string[] => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!).filter((n) => n.startsWith(`${PREFIX}-`));

describe.skipIf(!isRoot)('camaudit demo (built CLI)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'camaudit-demo-test-'));
  afterAll(() => {
    spawnSync(process.execPath, [path.join(ROOT, 'bin/camaudit.js'), 'lab', 'down', '--prefix', PREFIX], { stdio: 'ignore' });
    rmSync(out, { recursive: true, force: true });
  });

  it('builds the lab, scans it, writes every report, removes the lab, exits 0', () => {
    const profiles = fixtureFiles('devices').length;
    const credDirs = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('camaudit-democreds-')));
    const credDirsBefore = credDirs();
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/camaudit.js'), 'demo', '--prefix', PREFIX, '--out', out], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
    const secs = (Date.now() - t0) / 1000;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Warning|at .*\.js:\d+/);
    const result = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    // Every lab device answers something, so every one is listed; the scanner's own address is not a device.
    expect(result.devices.length).toBe(profiles);
    expect(result.scan.complete).toBe(true);
    expect(result.devices.some((d: { manufacturer: string | null; risk: { level: string } | string }) => d.manufacturer === 'hikvision' || /hikvision/i.test(JSON.stringify(d)))).toBe(true);
    expect(readFileSync(path.join(out, 'report.csv'), 'utf8').split('\n')[0]).toMatch(/ip/i);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(/Hikvision/);
    expect(JSON.parse(readFileSync(path.join(out, 'report.cdx.json'), 'utf8')).bomFormat).toBe('CycloneDX');
    if (existsSync('/usr/bin/chromium')) expect(readFileSync(path.join(out, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.stdout).toMatch(/Reports written/);
    // The scanner namespace's own address answers the sweep; it is not listed as a device, and the scan says so.
    expect(result.devices.find((d: { ip: string }) => d.ip === '198.18.0.2')).toBeUndefined();
    expect(result.scan.notes).toContain('198.18.0.2 is the machine that ran the scan: it answered, and is not listed as a device');
    expect(labNamespaces()).toEqual([]);
    // Issue 19: with the lab devices' own credentials the recorders list their cameras, and the summary separates
    // devices seen, cameras behind recorders and channels not enumerated; per maker, seen + behind = total, and the
    // totals add up to seen + behind.
    const estate = result.summary.estate as { seen: number; behind: number; notEnumerated: number; recorders: number; byMaker: Record<string, { seen: number; behind: number; total: number }> };
    expect(estate.seen).toBe(result.devices.length);
    expect(estate.behind).toBeGreaterThanOrEqual(30);
    expect(estate.notEnumerated).toBeGreaterThan(0);
    const rows = Object.values(estate.byMaker);
    for (const row of rows) expect(row.seen + row.behind).toBe(row.total);
    expect(rows.reduce((n, row) => n + row.total, 0)).toBe(estate.seen + estate.behind);
    const estateLine = r.stdout.split('\n').find((l) => l.startsWith('Estate: '));
    expect(estateLine).toMatch(new RegExp(`^Estate: ${estate.seen} devices seen on the network .*; ${estate.behind} cameras behind ${estate.recorders} recorders \\(enumerated\\); ${estate.notEnumerated} channels not enumerated`));
    expect(r.stdout).toMatch(/^Per maker \(seen \+ behind = total\): Hikvision \d+ \+ \d+ = \d+/m);
    // The lab-only passwords went to a private file that is gone, and into no output.
    const passwords = fixtureFiles('devices').map((f) => (JSON.parse(readFileSync(f, 'utf8')) as { credentials?: { password: string } }).credentials?.password).filter((p): p is string => !!p);
    expect(passwords.length).toBeGreaterThan(5);
    const outputs = [r.stdout, r.stderr, ...['report.json', 'report.csv', 'report.html', 'report.cdx.json', 'report.txt'].map((f) => readFileSync(path.join(out, f), 'utf8'))];
    for (const p of passwords) expect(outputs.some((o) => o.includes(p)), p.slice(0, 9)).toBe(false);
    expect([...credDirs()].filter((d) => !credDirsBefore.has(d))).toEqual([]);
    console.log(`DEMO ${estateLine}`);
    console.log(`DEMO: ${profiles} profiles, ${result.devices.length} devices listed, ${secs.toFixed(1)} s wall`);
  }, 200_000);
});
