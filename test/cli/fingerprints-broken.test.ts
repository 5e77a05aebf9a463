// A fingerprint database that fails its schema (a developer's edit to fingerprints/rules) used to leave every
// device unattributed with risk "none" and exit 0: a report that reads "no high-risk camera" for want of rules.
// The commands that attribute now refuse to run with one line and exit 3 (CAMAUDIT_ERR_FINGERPRINTS), and
// doctor names the broken file. The copy of fingerprints/ is reached through CAMAUDIT_ROOT.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import { EXIT } from '../../src/cli/exit-codes.js';

let root: string;
const capture = path.join(ROOT, 'fixtures/captures/shared/dahua-rtsp-1.json');

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'camaudit-broken-db-'));
  cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  cpSync(path.join(ROOT, 'fingerprints'), path.join(root, 'fingerprints'), { recursive: true });
  const file = path.join(root, 'fingerprints/rules/dhip.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { rules: Array<{ concludes: Record<string, unknown> }> };
  data.rules[0]!.concludes.note = 'x'.repeat(400); // over the schema's note limit
  writeFileSync(file, JSON.stringify(data));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a broken fingerprint database stops the commands that attribute', () => {
  it('identify: one line naming the file, exit 3, no verdict printed', async () => {
    const r = await runCli(['identify', capture], { env: { CAMAUDIT_ROOT: root } });
    expect(r.code).toBe(EXIT.RUNTIME);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^camaudit: fingerprint data rules\/dhip\.json: rules\.0\.concludes\.note/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the same capture with the intact database is attributed (the copy, not the capture, is what broke)', async () => {
    const r = await runCli(['identify', '--json', capture]);
    expect(r.code).toBe(EXIT.HIGH_RISK);
    expect((JSON.parse(r.stdout) as Array<{ manufacturer: string }>)[0]!.manufacturer).toBe('dahua');
  });

  it('scan refuses after checking its targets and before sending anything (a bad target is still a usage error)', async () => {
    // Unicast modules to loopback only: were the check ever to pass by mistake, no multicast discovery runs on the host.
    const r = await runCli(['scan', '127.0.0.1', '--ports', '9', '--modules', 'sweep,http', '--budget', '20'], { env: { CAMAUDIT_ROOT: root } });
    expect(r.code).toBe(EXIT.RUNTIME);
    expect(r.stderr).toMatch(/camaudit: fingerprint data rules\/dhip\.json/);
    expect(r.stdout).toBe('');
    const bad = await runCli(['scan', '8.8.8.0/24'], { env: { CAMAUDIT_ROOT: root } });
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toMatch(/refusing public address/);
  });

  it('merge refuses too (it re-attributes), before reading its inputs', async () => {
    const r = await runCli(['merge', path.join(root, 'no-such-result.json')], { env: { CAMAUDIT_ROOT: root } });
    expect(r.code).toBe(EXIT.RUNTIME);
    expect(r.stderr).toMatch(/^camaudit: fingerprint data rules\/dhip\.json/);
  });

  it('a command that does not attribute still runs, and --help still answers', async () => {
    const help = await runCli(['identify', '--help'], { env: { CAMAUDIT_ROOT: root } });
    expect(help.code).toBe(EXIT.OK);
    const policies = await runCli(['policies'], { env: { CAMAUDIT_ROOT: root } });
    expect(policies.code).toBe(EXIT.OK);
  });

  it('doctor names the broken file as a missing check with its fix', async () => {
    const r = await runCli(['doctor', '--json'], { env: { CAMAUDIT_ROOT: root } });
    const report = JSON.parse(r.stdout) as { checks: Array<{ id: string; status: string; detail: string; fix?: string }> };
    const fp = report.checks.find((c) => c.id === 'fingerprints');
    expect(fp?.status).toBe('missing');
    expect(fp?.detail).toMatch(/rules\/dhip\.json/);
    expect(fp?.fix).toMatch(/fingerprints/);
  });
});
