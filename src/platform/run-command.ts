// Runs a local, read-only system command (ip, arp, powershell) with a timeout and an output cap.
// Never throws: the caller gets either the output or a one-line reason.
import { execFile } from 'node:child_process';
import { failureNote } from '../core/failure.js';

export type CommandResult = { ok: true; stdout: string } | { ok: false; reason: string };

export const DEFAULT_COMMAND_TIMEOUT_MS = 3000;
export const MAX_COMMAND_OUTPUT = 4 * 1024 * 1024;

export function runCommand(file: string, args: string[], timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS): Promise<CommandResult> {
  return new Promise((resolve) => {
    try {
      execFile(
        file,
        args,
        { timeout: timeoutMs, maxBuffer: MAX_COMMAND_OUTPUT, windowsHide: true, encoding: 'utf8', killSignal: 'SIGKILL', env: { ...process.env, LC_ALL: 'C' } },
        (err, stdout) => {
          if (err) {
            const e = err as NodeJS.ErrnoException & { killed?: boolean };
            const why = e.code === 'ENOENT' ? 'not found' : e.killed ? `timed out after ${timeoutMs} ms` : e.message.split('\n')[0];
            resolve({ ok: false, reason: `${file}: ${why}` });
          } else {
            resolve({ ok: true, stdout });
          }
        },
      );
    } catch (err) {
      resolve({ ok: false, reason: failureNote(file, err) });
    }
  });
}
