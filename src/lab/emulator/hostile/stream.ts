// Helpers for hostile TCP handlers: stream bytes with back-pressure (a 1 GB body is never held in memory) and
// stop on emulator stop, client close or after a byte budget.
import type { Socket } from 'node:net';

/** Resolves when the socket drains, closes, or the signal aborts. */
function drained(sock: Socket, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      sock.off('drain', done);
      sock.off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    sock.once('drain', done);
    sock.once('close', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const alive = (sock: Socket, signal: AbortSignal): boolean => !signal.aborted && !sock.destroyed && sock.writable;

/**
 * Writes `total` bytes (Infinity = until the client leaves) made of `chunk` repeated, honouring back-pressure.
 * Returns the bytes written. Memory: one chunk plus the socket's high-water mark.
 */
export async function streamBytes(sock: Socket, chunk: Buffer, total: number, signal: AbortSignal): Promise<number> {
  let sent = 0;
  while (sent < total && alive(sock, signal)) {
    const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
    sent += piece.length;
    if (!sock.write(piece)) await drained(sock, signal);
  }
  return sent;
}

/** Writes `text` one byte every `intervalMs`. Returns the bytes written. */
export async function trickle(sock: Socket, text: Buffer, intervalMs: number, signal: AbortSignal): Promise<number> {
  let i = 0;
  for (; i < text.length && alive(sock, signal); i++) {
    sock.write(text.subarray(i, i + 1));
    await sleep(intervalMs, signal);
  }
  return i;
}

/** Destroy the socket when the emulator stops (handlers that keep a socket open forever). */
export function destroyOnStop(sock: Socket, signal: AbortSignal): void {
  if (signal.aborted) return void sock.destroy();
  const kill = (): void => void sock.destroy();
  signal.addEventListener('abort', kill, { once: true });
  sock.once('close', () => signal.removeEventListener('abort', kill));
}
