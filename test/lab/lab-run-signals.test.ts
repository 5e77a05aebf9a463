// `camaudit lab run -- CMD` passes SIGINT/SIGTERM/SIGHUP on to CMD and exits with CMD's status (issue 18): it ran
// CMD with spawnSync, so a SIGTERM killed camaudit and left CMD running, orphaned, its status lost.
// Network namespace test: run under flock /tmp/camaudit-lab.lock. Prefix "zsig" is this file's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { downLab, isRoot, upLab } from '../../src/lab/lab.js';
import { exitStatusOf } from '../../src/cli/run-child.js';
import { ROOT } from '../helpers/cli.js';

const PREFIX = 'zsig';

/** Starts `camaudit lab run -- sh -c script` (stdin a pipe: not interactive), sends `sig` once the script says
 *  "ready", and resolves with camaudit's exit code and signal plus whether the script's process outlived it. */
function runAndSignal(script: string, sig: NodeJS.Signals | null): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; orphan: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/entry.ts'), 'lab', 'run', '--prefix', PREFIX, '--', 'sh', '-c', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (sig && !sent && /ready \d+/.test(out)) {
      sent = true;
      child.kill(sig);
    }
  });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    let orphan = false;
    // When camaudit has exited, the script must have ended (camaudit waits for it). One still running is an orphan:
    // noted and killed here, so its end closes the output pipe and 'close' follows.
    child.on('exit', () => {
      clearTimeout(timer);
      const pid = Number(/ready (\d+)/.exec(out)?.[1]);
      if (!pid) return;
      try {
        process.kill(pid, 'SIGKILL');
        orphan = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err; // ESRCH: gone, as it should be
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, out, orphan }));
    child.stdin.end();
  });
}

// The script traps the signal and exits with a code of its own, so the test sees that the signal reached it.
const trapping = (sig: string, code: number) => `trap 'echo got-${sig}; exit ${code}' ${sig}; echo ready $$; while :; do sleep 0.05; done`;

describe.skipIf(!isRoot())('lab run forwards signals and returns the child status', { timeout: 120_000 }, () => {
  beforeAll(async () => { await upLab({ prefix: PREFIX, devices: [], responder: null }); });
  afterAll(async () => { await downLab(PREFIX); });

  it('exit status of the command, as written', async () => {
    const r = await runAndSignal('exit 42', null);
    expect(r.code).toBe(42);
  });

  for (const [sig, code] of [['SIGTERM', 7], ['SIGHUP', 9], ['SIGINT', 5]] as const) {
    it(`${sig} to camaudit reaches the command once and camaudit exits with its status`, async () => {
      const r = await runAndSignal(trapping(sig.slice(3), code), sig);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(code);
      expect(r.out.match(new RegExp(`got-${sig.slice(3)}`, 'g'))).toHaveLength(1);
      expect(r.orphan).toBe(false);
    });
  }

  it('a command ended by a signal: 128 + its number', async () => {
    expect((await runAndSignal('kill -TERM $$', null)).code).toBe(143);
    expect(exitStatusOf(null, 'SIGHUP')).toBe(129);
    expect(exitStatusOf(0, null)).toBe(0);
  });
});
