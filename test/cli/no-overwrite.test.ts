// Issue 17: an earlier result is never replaced without --force (nmap users expect their earlier output to
// survive). scan, report and merge refuse before anything is sent or read, in one line naming the earlier files and
// the two ways on; with --force each file is replaced. The scans here sweep port 9 of 127.0.0.1 only (loopback).
// Inputs are SYNTHETIC results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sampleResult } from '../helpers/result-builder.js';

let dir: string;
let input: string;
const EARLIER = '{"synthetic":"earlier result, must survive"}\n';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'camaudit-noclobber-'));
  input = path.join(dir, 'synthetic-a.json');
  writeFileSync(input, JSON.stringify(sampleResult()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folderWith(name: string, files: string[]): string {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const f of files) writeFileSync(path.join(d, f), EARLIER);
  return d;
}
const SCAN = ['scan', '127.0.0.1', '--ports', '9', '--modules', 'sweep', '--connect-timeout', '200', '--fail-on', 'none', '--log-level', 'info'];

describe('no earlier result is overwritten without --force', { timeout: 120_000 }, () => {
  it('scan --out into a folder holding report.json: exit 2 before the scan, one line naming it and --force, file intact', async () => {
    const out = folderWith('scan-earlier', ['report.json']);
    const r = await runCli([...SCAN, '--out', out, '--format', 'json,csv']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/already holds an earlier result \(report\.json\): give another --out folder, or --force to replace it/);
    expect(r.stderr).not.toMatch(/scan started/);
    expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe(EARLIER);
    expect(existsSync(path.join(out, 'report.csv'))).toBe(false);
  });

  it('scan --out … --force replaces the earlier result', async () => {
    const out = folderWith('scan-force', ['report.json']);
    const r = await runCli([...SCAN, '--out', out, '--format', 'json', '--force']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).schemaVersion).toBeDefined();
  });

  it('report into a folder with earlier report.html and report.csv: refused naming both; --force writes them', async () => {
    const out = folderWith('report-earlier', ['report.html', 'report.csv']);
    const r = await runCli(['report', input, '--out', out, '--format', 'html,csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/earlier result \(report\.html, report\.csv\): give another --out folder, or --force to replace them/);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toBe(EARLIER);
    const f = await runCli(['report', input, '--out', out, '--format', 'html,csv', '--force']);
    expect(f.code).toBe(0);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('merge --out an existing file: refused (exit 2, intact); --force replaces it', async () => {
    const target = path.join(folderWith('merge', []), 'estate.json');
    writeFileSync(target, EARLIER);
    const r = await runCli(['merge', input, '--out', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/estate\.json already exists \(an earlier result\?\): give another --out file, or --force to replace it/);
    expect(readFileSync(target, 'utf8')).toBe(EARLIER);
    const f = await runCli(['merge', input, '--out', target, '--force']);
    expect(f.code).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8')).devices.length).toBeGreaterThan(0);
  });

  it('merge --out a folder: refused, saying that merge --out names a file', async () => {
    const r = await runCli(['merge', input, '--out', folderWith('merge-into-folder', [])]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toMatch(/it is a folder \(merge --out names the JSON file to write, e\.g\. --out estate\.json\)$/);
  });

  it('a second report into the same folder is refused, the first one kept', async () => {
    const out = path.join(dir, 'twice');
    expect((await runCli(['report', input, '--out', out, '--format', 'csv'])).code).toBe(0);
    const first = readFileSync(path.join(out, 'report.csv'), 'utf8');
    const again = await runCli(['report', input, '--out', out, '--format', 'csv']);
    expect(again.code).toBe(2);
    expect(readFileSync(path.join(out, 'report.csv'), 'utf8')).toBe(first);
  });
});
