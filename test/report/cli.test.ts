// The report, diff and merge commands end to end (CLI from source through tsx).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { validateResult } from '../../src/report/schema.js';
import { validateCycloneDx } from '../../src/report/cyclonedx.js';
import { hikvision, sampleResult, result } from '../helpers/result-builder.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'camaudit-cli-report-'));
  writeFileSync(path.join(dir, 'a.json'), JSON.stringify(sampleResult()));
  writeFileSync(path.join(dir, 'b.json'), JSON.stringify(result([hikvision({ ip: '198.18.0.99', firmware: 'V5.7.18' })], { id: 'scan-b', finishedAt: '2026-12-01T00:00:00.000Z' })));
  writeFileSync(path.join(dir, 'broken.json'), '{"schemaVersion":');
  writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// CLI runs from source through tsx (5-15 s each on a loaded 2-core machine; PDF adds a Chromium start).
describe('camaudit report', { timeout: 120_000 }, () => {
  it('re-renders a saved result in every asked format', async () => {
    const out = path.join(dir, 'out');
    const r = await runCli(['report', path.join(dir, 'a.json'), '--format', 'json,csv,html,cyclonedx,pdf', '--out', out], { timeoutMs: 110_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['report.json', 'report.csv', 'report.html', 'report.cdx.json']) expect(existsSync(path.join(out, f))).toBe(true);
    expect(validateResult(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')))).toEqual([]);
    expect(await validateCycloneDx(readFileSync(path.join(out, 'report.cdx.json'), 'utf8'))).toEqual([]);
    if (existsSync('/usr/bin/chromium')) expect(readFileSync(path.join(out, 'report.pdf')).subarray(0, 4).toString()).toBe('%PDF');
  });
  it.each([
    ['broken.json', /^camaudit: .*broken\.json: not valid JSON/],
    ['other.json', /^camaudit: .*other\.json: not a camaudit result \(schemaVersion "3", or "1"\/"2" upgraded\): \/: must have required property/],
    ['missing.json', /^camaudit: .*missing\.json: file not found$/],
  ])('bad input %s is a one-line error, exit 2', async (name, re) => {
    const r = await runCli(['report', path.join(dir, name), '--out', path.join(dir, 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').length).toBe(1);
    expect(r.stderr.trim()).toMatch(re);
  });
  it('unknown format is a usage error listing valid ones', async () => {
    const r = await runCli(['report', path.join(dir, 'a.json'), '--format', 'docx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown report format "docx" (valid: json, csv, html, pdf, cyclonedx, terminal; txt is terminal, cdx is cyclonedx)');
  });
  it('--help has examples', async () => {
    const r = await runCli(['report', '--help']);
    expect(r.code).toBe(0);
    // yargs wraps examples into two columns; check the pieces.
    expect(r.stdout).toContain('camaudit report audit/report.json --format');
    expect(r.stdout).toContain('html,pdf --out audit');
    expect(r.stdout).toContain('Exit codes: 0 written; 2 bad arguments');
  });
});

describe('camaudit diff and merge', { timeout: 90_000 }, () => {
  it('diff prints text and --json', async () => {
    const t = await runCli(['diff', path.join(dir, 'a.json'), path.join(dir, 'b.json')]);
    expect(t.code).toBe(1); // as ndiff: 1 when anything differs
    expect(t.stdout).toContain('0 new, 4 gone, 1 changed, 0 unchanged');
    const j = await runCli(['diff', path.join(dir, 'a.json'), path.join(dir, 'b.json'), '--json']);
    expect(JSON.parse(j.stdout).changed[0]).toMatchObject({ ip: '198.18.0.99', oldIp: '198.18.0.11' });
  });
  it('diff follows ndiff: 0 for the same result, 1 when the scope differs; a device the new scan excluded is not gone', async () => {
    const a = JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8'));
    const same = await runCli(['diff', path.join(dir, 'a.json'), path.join(dir, 'a.json')]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No differences.');
    const gone = a.devices[0].ip as string;
    const excluded = { ...a, scan: { ...a.scan, id: 'synthetic-excluded', excluded: [gone] }, devices: a.devices.slice(1) };
    writeFileSync(path.join(dir, 'a-excluded.json'), JSON.stringify(excluded));
    const d = await runCli(['diff', path.join(dir, 'a.json'), path.join(dir, 'a-excluded.json'), '--json']);
    expect(d.code).toBe(1);
    const j = JSON.parse(d.stdout);
    expect(j.caveats).toEqual([`Scope differs: excluded none then ${gone}.`]);
    expect(j.removed).toEqual([]);
    expect(j.notScanned.map((e: { ip: string }) => e.ip)).toEqual([gone]);
  });
  it('merge writes one validated estate view', async () => {
    const out = path.join(dir, 'estate.json');
    const r = await runCli(['merge', path.join(dir, 'a.json'), path.join(dir, 'b.json'), '--out', out]);
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateResult(m)).toEqual([]);
    expect(m.devices.length).toBe(5);
    expect(m.devices.find((d: { manufacturer: string }) => d.manufacturer === 'hikvision').sources.sort()).toEqual(['scan-b', 'synthetic-scan-1']);
  });
  it('merge of a non-result is exit 2', async () => {
    const r = await runCli(['merge', path.join(dir, 'a.json'), path.join(dir, 'other.json')]);
    expect(r.code).toBe(2);
  });
});
