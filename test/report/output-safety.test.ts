// Report files never clobber, never follow a link and never lose the scan (issue 18). Inputs are SYNTHETIC results.
//   - a symbolic link planted at a target (report.csv -> a root-owned file) is refused, and the file it points to
//     is untouched; the same for merge --out and --log-file;
//   - `report X/report.json --out X` never rewrites its own input;
//   - --out, the formats and the PDF engine are checked before anything is sent;
//   - a format that fails at write time is named, the others are written, an earlier file of its name is kept.
// The full-disk and read-only cases run in a private mount namespace: test/report/output-disk.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { hikvision, result, sampleResult } from '../helpers/result-builder.js';
import { planOutputs, writePlanned } from '../../src/report/output.js';
import { writeFileAtomic } from '../../src/core/safe-write.js';
import { isCamauditError } from '../../src/core/errors.js';

let dir: string;
let input: string;
const VICTIM_TEXT = 'precious: must never be overwritten\n';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'camaudit-outsafe-'));
  input = path.join(dir, 'synthetic-a.json');
  writeFileSync(input, JSON.stringify(sampleResult()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fresh(name: string): string {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
}
function victim(name: string): string {
  const v = path.join(dir, `${name}-victim.txt`);
  writeFileSync(v, VICTIM_TEXT);
  return v;
}
const noTemp = (d: string) => readdirSync(d).filter((f) => f.endsWith('.tmp') || f.startsWith('.camaudit-write-test'));

describe('symbolic links are never written through', { timeout: 90_000 }, () => {
  it('report --out DIR with report.csv -> victim: refused before writing anything, victim and earlier files intact', async () => {
    const out = fresh('sym-report');
    const v = victim('sym-report');
    writeFileSync(path.join(out, 'report.json'), 'earlier json');
    symlinkSync(v, path.join(out, 'report.csv'));
    const r = await runCli(['report', input, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot write .*report\.csv: it is a symbolic link/);
    expect(readFileSync(v, 'utf8')).toBe(VICTIM_TEXT);
    expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe('earlier json');
    expect(existsSync(path.join(out, 'report.html'))).toBe(false);
    expect(noTemp(out)).toEqual([]);
  });

  it('merge --out link -> victim: refused, victim intact', async () => {
    const v = victim('sym-merge');
    const link = path.join(dir, 'estate-link.json');
    symlinkSync(v, link);
    const r = await runCli(['merge', input, '--out', link]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(readFileSync(v, 'utf8')).toBe(VICTIM_TEXT);
  });

  it('--log-file link -> victim: refused before the scan, victim intact', async () => {
    const v = victim('sym-log');
    const link = path.join(dir, 'scan-log-link');
    symlinkSync(v, link);
    const r = await runCli(['scan', '127.0.0.1', '--ports', '9', '--modules', 'sweep', '--connect-timeout', '200', '--log-level', 'info', '--log-file', link]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot write .*scan-log-link: it is a symbolic link/);
    expect(readFileSync(v, 'utf8')).toBe(VICTIM_TEXT);
    expect(r.stdout).toBe('');
  });

  it('writeFileAtomic refuses a link planted at the target, and names a folder in its way', async () => {
    const d = fresh('atomic');
    const v = victim('atomic');
    symlinkSync(v, path.join(d, 'x.csv'));
    await expect(writeFileAtomic(path.join(d, 'x.csv'), 'data')).rejects.toThrow(/x\.csv: it is a symbolic link/);
    mkdirSync(path.join(d, 'report.html'));
    await expect(writeFileAtomic(path.join(d, 'report.html'), 'data')).rejects.toThrow(/report\.html: it is a folder/);
    expect(readFileSync(v, 'utf8')).toBe(VICTIM_TEXT);
    expect(noTemp(d)).toEqual([]);
  });
});

describe('an input is never rewritten', { timeout: 90_000 }, () => {
  it('report X/report.json --out X leaves report.json byte for byte and writes the other formats', async () => {
    const out = fresh('self');
    const own = path.join(out, 'report.json');
    const compact = JSON.stringify(result([hikvision()]));
    writeFileSync(own, compact);
    const r = await runCli(['report', own, '--out', out, '--format', 'json,csv,html']);
    expect(r.code).toBe(0);
    expect(readFileSync(own, 'utf8')).toBe(compact);
    expect(r.stderr).toMatch(/report\.json left as it is \(it is the input\)/);
    for (const f of ['report.csv', 'report.html']) expect(existsSync(path.join(out, f))).toBe(true);
  });

  it('merge --out one of its inputs: refused, the input intact', async () => {
    const copy = path.join(dir, 'synthetic-merge-input.json');
    writeFileSync(copy, JSON.stringify(sampleResult()));
    const before = readFileSync(copy, 'utf8');
    const r = await runCli(['merge', copy, input, '--out', copy]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/one of the inputs/);
    expect(readFileSync(copy, 'utf8')).toBe(before);
  });
});

describe('outputs are checked before the first packet', { timeout: 90_000 }, () => {
  it('--out naming an existing file: exit 3 at once, no scan', async () => {
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const r = await runCli(['scan', '127.0.0.1', '--ports', '9', '--modules', 'sweep', '--connect-timeout', '200', '--out', file, '--log-level', 'info']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toMatch(/^camaudit: cannot write .*not-a-folder: it is a file, not a folder/);
    expect(r.stderr).not.toMatch(/scan started/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('--format json,exe: exit 2 at once, no scan and no folder', async () => {
    const out = path.join(dir, 'never-made');
    const r = await runCli(['scan', '127.0.0.1', '--ports', '9', '--modules', 'sweep', '--out', out, '--format', 'json,exe', '--log-level', 'info']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown report format "exe"/);
    expect(r.stderr).not.toMatch(/scan started/);
    expect(existsSync(out)).toBe(false);
  });

  it('an unusable Chromium with --format pdf,json: exit 3 before the scan', async () => {
    const out = path.join(dir, 'pdf-out');
    const r = await runCli(['scan', '127.0.0.1', '--ports', '9', '--modules', 'sweep', '--out', out, '--format', 'pdf,json', '--log-level', 'info'], { env: { CAMAUDIT_CHROMIUM: '/bin/false' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Chromium at \/bin\/false could not start/);
    expect(r.stderr).not.toMatch(/scan started/);
  });
});

describe('a failed format is named, the others kept', () => {
  it('a renderer that throws costs its format only; the earlier file of that name stays', async () => {
    const out = fresh('one-fails');
    writeFileSync(path.join(out, 'report.html'), 'earlier html');
    const plan = await planOutputs(out, 'csv,html,json', { existing: 'replace' });
    const outcome = await writePlanned(sampleResult(), plan, async (r, f) => {
      if (f === 'html') throw new RangeError('Invalid string length');
      const { renderReport } = await import('../../src/report/index.js');
      return renderReport(r, f, { colour: false });
    });
    expect(outcome.written.map((f) => path.basename(f))).toEqual(['report.json', 'report.csv']);
    expect(outcome.failed).toEqual([expect.objectContaining({ format: 'html', earlierKept: true, reason: expect.stringMatching(/too large to render/) })]);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toBe('earlier html');
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).schemaVersion).toBeDefined();
  });

  it('planOutputs refuses a FIFO or folder at a target, and an earlier file unless told to replace it (issue 17)', async () => {
    const out = fresh('plan');
    mkdirSync(path.join(out, 'report.csv'));
    const err = await planOutputs(out, 'csv').catch((e: unknown) => e);
    expect(isCamauditError(err) && err.code).toBe('CAMAUDIT_ERR_OUTPUT');
    writeFileSync(path.join(out, 'report.json'), '{}');
    await expect(planOutputs(out, 'json')).rejects.toThrow(/already holds an earlier result \(report\.json\): give another --out folder, or --force to replace it/);
    await expect(planOutputs(out, 'json', { existing: 'replace' })).resolves.toMatchObject({ targets: [expect.objectContaining({ existed: true })] });
  });
});
