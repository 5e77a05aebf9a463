import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
}

/**
 * Runs the camaudit CLI from source (through tsx, no build needed) and collects its output.
 * `prefix` runs it under another command, e.g. ['ip', 'netns', 'exec', 'lab-scan'].
 */
export function runCli(
  args: string[],
  opts: { prefix?: string[]; env?: Record<string, string>; input?: string; timeoutMs?: number; onSpawn?: (pid: number) => void; onStderr?: (soFar: string, pid: number) => void } = {},
): Promise<CliRun> {
  const node = [process.execPath, '--import', 'tsx', path.join(ROOT, 'src/cli/entry.ts'), ...args];
  const argv = [...(opts.prefix ?? []), ...node];
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (child.pid && opts.onSpawn) opts.onSpawn(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (child.pid) opts.onStderr?.(stderr, child.pid);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, signal });
    });
    child.stdin.end(opts.input ?? '');
  });
}
