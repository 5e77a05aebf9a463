// Error and warning lines quote file- and device-controlled text (a result key, a file's first bytes, a protocol
// name): none of it may reach the terminal raw (issue 18). Inputs are SYNTHETIC hostile files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { result } from '../helpers/result-builder.js';

const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'camaudit-errtext-'));
  writeFileSync(path.join(dir, 'synthetic-esc-first.json'), '\u001b[2J\u001b]0;pwned{}');
  writeFileSync(path.join(dir, 'synthetic-esc-protocol.json'), JSON.stringify({ protocol: '\u001b]0;pwned\u0007\u202e', payload: 'x' }));
  const r = result([]) as unknown as { summary: { byManufacturer: Record<string, number> } };
  r.summary.byManufacturer['\u001b]0;pwned\u0007\u001b[2J\u202e'] = -1;
  writeFileSync(path.join(dir, 'synthetic-esc-key.json'), JSON.stringify(r));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('error lines carry no escape sequence', { timeout: 60_000 }, () => {
  it('a protocol name in identify', async () => {
    // An unknown protocol label is no longer an error (identify sniffs the payload, issue 14): the label is
    // echoed in the verdict's explanation instead, and must reach the terminal escaped there.
    const r = await runCli(['identify', path.join(dir, 'synthetic-esc-protocol.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('payload not recognised as');
    expect(RAW.test(r.stdout.replace(/\n/g, '')) || RAW.test(r.stderr.replace(/\n/g, ''))).toBe(false);
    expect(r.stdout).toContain('\\x1B]0;pwned\\x07\\u202E');
  });

  it("a file's first bytes in report", async () => {
    const r = await runCli(['report', path.join(dir, 'synthetic-esc-first.json'), '--out', path.join(dir, 'out1')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(RAW.test(r.stderr.replace(/\n/g, ''))).toBe(false);
  });

  it('a result key in report', async () => {
    const r = await runCli(['report', path.join(dir, 'synthetic-esc-key.json'), '--out', path.join(dir, 'out2')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('byManufacturer');
    expect(RAW.test(r.stderr.replace(/\n/g, ''))).toBe(false);
  });
});
