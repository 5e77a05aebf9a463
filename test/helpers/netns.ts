// Small private network namespaces for tests that need addresses the host does not have.
// Every namespace is named with the caller's prefix and the test process id, and removed after.
import { execFileSync, spawn } from 'node:child_process';

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8' });
}

export function nsName(prefix: string): string {
  return `${prefix}-${process.pid}`.slice(0, 15);
}

export function createNs(name: string): void {
  deleteNs(name);
  ip('netns', 'add', name);
  ip('-n', name, 'link', 'set', 'lo', 'up');
}

export function deleteNs(name: string): void {
  try {
    ip('netns', 'del', name);
  } catch {
    /* not there */
  }
}

/** Runs a command inside the namespace and collects its output. */
export function execInNs(name: string, cmd: string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('ip', ['netns', 'exec', name, ...cmd], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, stdout, stderr });
    });
  });
}
