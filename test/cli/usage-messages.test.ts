// Issue 17: usage mistakes get a message a user can act on, in one line: the choices of --fail-on, a suggestion for
// a mistyped flag as for a mistyped command, and --format txt for the report.txt the demo writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sampleResult } from '../helpers/result-builder.js';
import { editDistance, suggestFlag, usageMessage } from '../../src/cli/usage-messages.js';
import { parseFormats } from '../../src/report/index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'camaudit-usage-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('usage messages', { timeout: 60_000 }, () => {
  it('--fail-on critical lists the choices, on one line, exit 2', async () => {
    const r = await runCli(['scan', '10.0.0.1', '--fail-on', 'critical', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toBe('camaudit: --fail-on critical is not one of the choices: none, high, elevated, unknown (see camaudit scan --help)');
  });

  it('a mistyped flag gets a suggestion as a mistyped command does', async () => {
    const flag = await runCli(['scan', '10.0.0.1', '--dryrun']);
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim()).toBe('camaudit: unknown option --dryrun (did you mean --dry-run?) (see camaudit scan --help)');
    const cmd = await runCli(['scna', '10.0.0.1']);
    expect(cmd.stderr).toMatch(/Did you mean scan\?/);
    const far = await runCli(['diff', 'a.json', 'b.json', '--colour-me-pink']);
    expect(far.stderr.trim()).toBe('camaudit: unknown option --colour-me-pink (see camaudit diff --help)');
  });

  it('suggestions: close typos, hyphen slips and swapped letters only', () => {
    const known = ['dry-run', 'format', 'force', 'fail-on', 'out', 'o', 'json', 'quiet', 'stats-every'];
    expect(suggestFlag('dryrun', known)).toBe('dry-run');
    expect(suggestFlag('fromat', known)).toBe('format');
    expect(suggestFlag('jsno', known)).toBe('json');
    expect(suggestFlag('statsevery', known)).toBe('stats-every');
    expect(suggestFlag('xyzzy', known)).toBeUndefined();
    expect(suggestFlag('p', known)).toBeUndefined();
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(usageMessage('Unknown arguments: formt, xyzzy', known, ['--formt', '--xyzzy'])).toBe('unknown options --formt (did you mean --format?), --xyzzy');
    // A stray word is not called an option.
    expect(usageMessage('Unknown argument: nonsense', known, ['nonsense'])).toBe('Unknown argument: nonsense');
  });

  it('--format txt (and text) is the terminal report, written as report.txt', async () => {
    expect(parseFormats(['txt', 'text', 'terminal'])).toEqual(['terminal']);
    const input = path.join(dir, 'synthetic-a.json');
    writeFileSync(input, JSON.stringify(sampleResult()));
    const out = path.join(dir, 'txt');
    const r = await runCli(['report', input, '--format', 'txt', '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, 'report.txt'), 'utf8')).toMatch(/device/);
  });
});
