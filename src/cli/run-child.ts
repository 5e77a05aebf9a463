// Runs a command as a child that stands in for camaudit (`lab run -- CMD…`): SIGINT, SIGTERM and SIGHUP sent to
// camaudit reach the child exactly once, camaudit waits for it, and its exit status becomes camaudit's.
//
// Interactive (stdin is a terminal): the child stays in camaudit's process group so it can read the terminal, and
// the terminal's own Ctrl-C already reaches both; forwarding SIGINT too would be a second Ctrl-C to the child (for a
// nested `camaudit scan`, "quit now, write nothing"). So SIGINT is not forwarded there; SIGTERM and SIGHUP are.
// Otherwise (scripts, services, CI): the child gets a process group of its own, and all three are forwarded.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { RuntimeError } from '../core/errors.js';

export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A child's end as a shell reports it: its exit code, or 128 + the number of the signal that ended it. */
export function exitStatusOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const n = signal ? constants.signals[signal] : undefined;
  return typeof n === 'number' ? 128 + n : 3;
}

export function runForwardingSignals(cmd: string, args: string[], o: { interactive?: boolean } = {}): Promise<number> {
  const interactive = o.interactive ?? Boolean(process.stdin.isTTY);
  return new Promise((resolve, reject) => {
    // The handlers go in before the child starts: the child may run (and be signalled because of what it prints)
    // before spawn() returns here, and a signal with no handler would end camaudit and orphan the child.
    let child: ChildProcess | null = null;
    const early: NodeJS.Signals[] = [];
    const forward = (sig: NodeJS.Signals): void => {
      if (interactive && sig === 'SIGINT') return; // the terminal sent it to the child as well
      if (!child) early.push(sig);
      else if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    };
    for (const sig of FORWARDED_SIGNALS) process.on(sig, forward);
    const done = (): void => { for (const sig of FORWARDED_SIGNALS) process.off(sig, forward); };
    child = spawn(cmd, args, { stdio: 'inherit', detached: !interactive });
    child.on('error', (e) => {
      done();
      reject(new RuntimeError(`cannot run ${cmd}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      done();
      resolve(exitStatusOf(code, signal));
    });
    for (const sig of early.splice(0)) forward(sig);
  });
}
