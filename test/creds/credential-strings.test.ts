// Credentials are strings exactly as written (issue 18): YAML read 0123 as 123 and 0x1F as 31 and the scan used the
// changed password without a word; now a value YAML (or JSON) reads as a number or true/false is refused with a hint
// to quote it, and the message never holds the value. A half-set CAMAUDIT_USER/CAMAUDIT_PASS pair is an error.
// Every credential here is SYNTHETIC.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCredentials } from '../../src/creds/credentials.js';
import { isCamauditError } from '../../src/core/errors.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'camaudit-credstr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, 0o600);
  return p;
}
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isCamauditError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'accepted';
}

describe('passwords are strings as written', () => {
  it.each(['0123', '0x1F', '1e3', '0o17', '.inf', '12345', 'true', 'false'])('an unquoted %s is refused with a hint to quote it, without the value', (v) => {
    const msg = refusal(() => loadCredentials({ file: file(`n-${v}.yaml`, `- { username: admin, password: ${v} }`), env: {} }));
    expect(msg).toMatch(/^CAMAUDIT_ERR_CREDENTIALS: credentials file: entry 1: "password" is read as a (number|true\/false value), not text.*put it in quotes/);
    // The message names the kind ("true/false value"), never the value itself.
    expect(msg.replace('true/false', '')).not.toContain(v);
  });

  it('a number username is refused the same way; JSON numbers too', () => {
    expect(refusal(() => loadCredentials({ file: file('u.yaml', '- { username: 007, password: "x" }'), env: {} }))).toMatch(/"username" is read as a number/);
    expect(refusal(() => loadCredentials({ file: file('j.json', '[{"username":"a","password":123}]'), env: {} }))).toMatch(/"password" is read as a number/);
  });

  it.each(['"0123"', "'0x1F'", '!!str 1e3', '"true"', 'p@ss 0123'])('%s is kept exactly as written', (v) => {
    const s = loadCredentials({ file: file(`q-${v.replace(/\W/g, '')}.yaml`, `- { username: admin, password: ${v} }`), env: {} });
    const expected = { '"0123"': '0123', "'0x1F'": '0x1F', '!!str 1e3': '1e3', '"true"': 'true', 'p@ss 0123': 'p@ss 0123' }[v];
    expect(s.credentialsFor('198.18.0.5')[0]!.password).toBe(expected);
  });
});

describe('CAMAUDIT_USER and CAMAUDIT_PASS come together', () => {
  it('CAMAUDIT_PASS without CAMAUDIT_USER is an error, not ignored', () => {
    expect(refusal(() => loadCredentials({ env: { CAMAUDIT_PASS: 'synthetic-secret' } }))).toBe('CAMAUDIT_ERR_CREDENTIALS: CAMAUDIT_PASS is set but CAMAUDIT_USER is not: set both, or neither');
    expect(refusal(() => loadCredentials({ env: { CAMAUDIT_USER: 'admin' } }))).toMatch(/CAMAUDIT_USER is set but CAMAUDIT_PASS is not/);
    expect(loadCredentials({ env: { CAMAUDIT_USER: 'admin', CAMAUDIT_PASS: '' } }).size).toBe(1);
    expect(loadCredentials({ env: {} }).size).toBe(0);
  });

  it('camaudit scan with only CAMAUDIT_PASS stops before the scan: exit 2, one line', { timeout: 60_000 }, async () => {
    const r = await runCli(['scan', '127.0.0.1', '--ports', '9', '--modules', 'sweep', '--connect-timeout', '200'], { env: { CAMAUDIT_PASS: 'synthetic-secret' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('camaudit: CAMAUDIT_PASS is set but CAMAUDIT_USER is not: set both, or neither');
    expect(r.stdout).toBe('');
  });
});
