// loadCredentials: file (YAML/JSON) and env; host > CIDR > vendor > any; mode warning;
// errors never contain the secret. Test credentials are synthetic.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCredentials } from '../../src/creds/credentials.js';

const SENTINEL = 'S3ntinel-Pa55-do-not-log';
const dir = mkdtempSync(join(tmpdir(), 'camaudit-creds-'));
function file(name: string, text: string, mode = 0o600): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

describe('loadCredentials', () => {
  it('YAML entries by host, CIDR, vendor, most specific first, duplicates once', () => {
    const f = file('c.yaml', [
      'credentials:',
      '  - { vendor: hikvision, username: hv, password: p3 }',
      '  - { cidr: 198.18.0.0/24, username: net, password: p2 }',
      '  - { host: 198.18.0.5, username: one, password: p1 }',
      '  - { host: 198.18.0.5, username: one, password: p1 }',
    ].join('\n'));
    const s = loadCredentials({ file: f, env: {} });
    expect(s.warnings).toEqual([]);
    expect(s.credentialsFor('198.18.0.5', 'Hikvision').map((c) => c.username)).toEqual(['one', 'net', 'hv']);
    expect(s.credentialsFor('198.18.1.5', 'hikvision').map((c) => c.username)).toEqual(['hv']);
    expect(s.credentialsFor('198.18.1.5', 'dahua')).toEqual([]);
    expect(s.credentialsFor('198.18.0.9')[0]!.label).toBe('file entry 2');
  });
  it('JSON list and CAMAUDIT_USER/CAMAUDIT_PASS for every host', () => {
    const f = file('c.json', JSON.stringify([{ ip: '127.0.0.2', username: 'a', password: 'b' }]));
    const s = loadCredentials({ file: f, env: { CAMAUDIT_USER: 'envu', CAMAUDIT_PASS: SENTINEL } });
    expect(s.credentialsFor('127.0.0.2').map((c) => c.username)).toEqual(['a', 'envu']);
    expect(s.credentialsFor('10.1.1.1').map((c) => c.label)).toEqual(['CAMAUDIT_USER']);
  });
  it('warns when the file is readable by others', () => {
    const f = file('open.yaml', '- { username: u, password: p }', 0o644);
    expect(loadCredentials({ file: f }).warnings).toEqual([`credentials file is readable by other users (mode 0644); chmod 600 ${f}`]);
  });
  it('bad files give a UsageError without the secret', () => {
    const bad = [
      `- { username: u, password: ${SENTINEL}, cidr: nonsense }`,
      `- { username: u, password: "${SENTINEL}" ] unbalanced`,
      `- { password: ${SENTINEL} }`,
      `- { username: u, password: ${SENTINEL}, host: not-an-ip }`,
      `just a string ${SENTINEL}`,
    ];
    bad.forEach((text, i) => {
      const f = file(`bad${i}.yaml`, text);
      let msg = '';
      try {
        loadCredentials({ file: f });
      } catch (e) {
        expect((e as Error).name).toMatch(/UsageError|CliError|Error/);
        msg = (e as Error).message;
      }
      expect(msg).not.toBe('');
      expect(msg).not.toContain(SENTINEL);
      expect(msg).not.toContain('\n');
    });
    expect(() => loadCredentials({ file: join(dir, 'missing.yaml') })).toThrow(/credentials file .*missing\.yaml: file not found/);
  });
});
