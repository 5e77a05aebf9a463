// `camaudit lab up/status/run/down` through the built CLI (npm run build first). Root; prefix "lnc" is this file's.
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRoot, listNamespaces, downLab } from '../../src/lab/lab.js';

const ROOT = resolve(import.meta.dirname, '../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [resolve(ROOT, 'bin/camaudit.js'), ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });

describe.skipIf(!isRoot())('camaudit lab (CLI)', () => {
  afterAll(async () => { await downLab('lnc'); });

  it('up, status, run, down', () => {
    const up = cli('lab', 'up', '--prefix', 'lnc');
    expect(up.stderr).toBe('');
    expect(up.status).toBe(0);
    expect(up.stdout).toMatch(/scanner namespace lnc-scan at 198\.18\.0\.2, subnet 198\.18\.0\.0\/24, \d+ devices/);
    const status = cli('lab', 'status', '--prefix', 'lnc');
    expect(status.status).toBe(0);
    expect(status.stdout).toContain('emulator');
    expect(status.stdout).toContain('running');
    const run = cli('lab', 'run', '--prefix', 'lnc', '--', 'ip', '-4', '-br', 'addr');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('198.18.0.2/24');
    const down = cli('lab', 'down', '--prefix', 'lnc');
    expect(down.status).toBe(0);
    expect(listNamespaces().filter((n) => n.startsWith('lnc-'))).toEqual([]);
    expect(cli('lab', 'status', '--prefix', 'lnc').stdout).toContain('is down');
  }, 90_000);

  it('bad prefix: one-line usage error, exit 2', () => {
    const r = cli('lab', 'up', '--prefix', 'Bad_Prefix');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('without root: one line naming sudo, exit 3', () => {
    let setpriv = '';
    try { setpriv = execFileSync('which', ['setpriv'], { encoding: 'utf8' }).trim(); } catch { return; }
    const r = spawnSync(setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, resolve(ROOT, 'bin/camaudit.js'), 'lab', 'up', '--prefix', 'lnc'], { encoding: 'utf8', cwd: '/' });
    expect(r.status).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('sudo');
  });
});
