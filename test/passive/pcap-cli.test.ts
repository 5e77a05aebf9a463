// The passive route in the CLI: `camaudit --help` shows it next to the scan, `camaudit pcap --help` explains it,
// and the result it writes goes through `report`, `diff` and `merge` like any scan result; merging it with the
// active scan of the same site combines the evidence per device.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/core/result.js';
import { validateResult } from '../../src/report/schema.js';
import { runCli } from '../helpers/cli.js';
import { PCAP_DIR, pcapPath } from './frames.js';

let work: string;
let passiveFile: string;
let passive: ScanResult;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'pcap-cli-'));
  const r = await runCli(['pcap', pcapPath('lab.pcapng.gz'), '--out', work, '--format', 'json,csv,html,cyclonedx', '--fail-on', 'none'], { timeoutMs: 180_000 });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/device\(s\) seen in \d+ captured frame\(s\) of 1 capture\(s\) \(passive read, nothing sent\)/);
  passiveFile = path.join(work, 'report.json');
  passive = JSON.parse(readFileSync(passiveFile, 'utf8')) as ScanResult;
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('camaudit pcap in the CLI', () => {
  it('--out into a folder holding an earlier result: refused naming --force, the file intact; --force replaces it (issue 17)', async () => {
    const out = mkdtempSync(path.join(work, 'earlier-'));
    writeFileSync(path.join(out, 'report.json'), '{"synthetic":"earlier"}');
    const r = await runCli(['pcap', pcapPath('lab-snap128.pcap.gz'), '--out', out, '--format', 'json', '--fail-on', 'none'], { timeoutMs: 180_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds an earlier result \(report\.json\): give another --out folder, or --force to replace it/);
    expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe('{"synthetic":"earlier"}');
    const f = await runCli(['pcap', pcapPath('lab-snap128.pcap.gz'), '--out', out, '--format', 'json', '--fail-on', 'none', '--force'], { timeoutMs: 180_000 });
    expect(f.code, f.stderr).toBe(0);
    expect(validateResult(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')))).toEqual([]);
  }, 240_000);

  it('--help lists the passive route next to the scan', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/camaudit scan \[targets\.\.\]/);
    expect(r.stdout).toMatch(/camaudit pcap \[files\.\.\]\s+Name the cameras in a capture or on a mirror port \(sends nothing\)/);
    const p = await runCli(['pcap', '--help']);
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/--listen/);
    expect(p.stdout).toMatch(/802\.1Q\/QinQ/);
    expect(p.stdout).toMatch(/belongs to the device that sent it/);
  });

  it('usage errors are one line, exit 2', async () => {
    for (const args of [['pcap'], ['pcap', 'x.pcap', '--listen', 'eth0'], ['pcap', '--listen', 'eth0', '--duration', '0'], ['pcap', pcapPath('lab.pcap.gz'), '--save', '/tmp/x.pcap'], ['pcap', '/nonexistent.pcap'], ['pcap', PCAP_DIR]]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').length, r.stderr).toBe(1);
    }
  }, 120_000);

  it('writes the usual report files, the HTML naming the capture and its SHA-256', () => {
    expect(validateResult(passive)).toEqual([]);
    const html = readFileSync(path.join(work, 'report.html'), 'utf8');
    expect(html).toContain('passive read of captured traffic');
    expect(html).toContain(passive.scan.source!.captures[0]!.sha256);
    expect(readFileSync(path.join(work, 'report.csv'), 'utf8').split('\n').length).toBeGreaterThan(50);
  });

  it('report, diff and merge take a passive result', async () => {
    const rep = await runCli(['report', passiveFile, '--format', 'csv', '--out', path.join(work, 'again')]);
    expect(rep.code, rep.stderr).toBe(0);
    const diff = await runCli(['diff', pcapPath('lab-active.json'), passiveFile, '--json']);
    // A capture and a scan are never like for like (targets and modules differ): diff says so and exits 1, as ndiff.
    expect(diff.code, diff.stderr).toBe(1);
    const d = JSON.parse(diff.stdout) as { differs: boolean; caveats: string[]; summary: { removed: number } };
    expect(d.differs).toBe(true);
    expect(d.caveats.join('\n')).toMatch(/Scope differs: modules .* then pcap/);
    expect(d.summary.removed).toBe(0); // every device the scan found is in the capture
  }, 120_000);

  it('merge with the active scan of the same site: one device per MAC, evidence of both combined', async () => {
    const out = path.join(work, 'merged.json');
    const r = await runCli(['merge', passiveFile, pcapPath('lab-active.json'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
    expect(validateResult(m)).toEqual([]);
    const both = m.devices.filter((d) => d.sources?.length === 2);
    expect(both.length).toBeGreaterThan(50);
    for (const d of both) expect(d.notes.join(' ')).toMatch(/evidence combined from a passive capture and a scan/);
    // A device whose evidence the two results read differently keeps both: the capture's (module pcap) and the scan's.
    const mixed = both.filter((d) => d.evidence.some((e) => e.module === 'pcap') && d.evidence.some((e) => e.module !== 'pcap' && e.module !== 'oui'));
    expect(mixed.length).toBeGreaterThan(20);
  }, 120_000);

  it('two capture files read together are one site: one device per address, both files described', async () => {
    const r = await runCli(['pcap', pcapPath('lab.pcap.gz'), pcapPath('lab-vlan.pcap.gz'), '--json', '--fail-on', 'none', '--no-observations'], { timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as ScanResult;
    expect(res.scan.source!.captures.map((c) => path.basename(c.file))).toEqual(['lab.pcap.gz', 'lab-vlan.pcap.gz']);
    expect(new Set(res.devices.map((d) => d.ip)).size).toBe(res.devices.length);
    expect(res.observations).toBeUndefined();
    writeFileSync(path.join(work, 'two.json'), r.stdout);
  }, 240_000);
});
