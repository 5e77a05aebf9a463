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
    // Everything after `--` belongs to the nested command, its own --prefix included; lab's options stay lab's.
    const argvOf = cli('lab', 'run', '--prefix', 'lnc', '--', 'sh', '-c', 'for a; do echo "[$a]"; done', 'sh', '--prefix', 'other', '--', 'x');
    expect(argvOf.stderr).toBe('');
    expect(argvOf.stdout).toBe('[--prefix]\n[other]\n[--]\n[x]\n');
    // A nested camaudit parses its own command and options (`scan` after `--` does not take over the outer run).
    const nested = cli('lab', 'run', '--prefix', 'lnc', '--', process.execPath, resolve(ROOT, 'bin/camaudit.js'), 'scan', '198.18.0.0/24', '--dry-run', '--json', '--concurrency', '7');
    expect(nested.status).toBe(0);
    expect(JSON.parse(nested.stdout)).toMatchObject({ addresses: 256, concurrency: 7 });
    const down = cli('lab', 'down', '--prefix', 'lnc');
    expect(down.status).toBe(0);
    expect(listNamespaces().filter((n) => n.startsWith('lnc-'))).toEqual([]);
    expect(cli('lab', 'status', '--prefix', 'lnc').stdout).toContain('is down');
  }, 90_000);

  it('bad --subnet or --size: one-line usage error, exit 2, nothing built', async () => {
    await downLab('lnc'); // not left over from a failed test above
    for (const args of [['--subnet', '198.18.0.0/25'], ['--subnet', '10.0.0.0/20'], ['--size', '0'], ['--size', '300']]) {
      const r = cli('lab', 'up', '--prefix', 'lnc', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(listNamespaces().filter((n) => n.startsWith('lnc-'))).toEqual([]);
  }, 60_000);

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
