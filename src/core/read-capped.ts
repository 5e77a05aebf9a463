// Reads a response stream up to `max` bytes, stopping at the cap, at the end, on error or when `signal` aborts;
// never throws and never keeps more than `max` bytes, whatever the device sends.
import type { Readable } from 'node:stream';

export interface CappedBody {
  body: Buffer;
  truncated: boolean;
}

export function readCapped(stream: Readable, max: number, signal: AbortSignal): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      stream.removeAllListeners('data');
      stream.on('error', () => undefined);
      stream.destroy();
      resolve({ body: Buffer.concat(chunks, size), truncated });
    };
    if (signal.aborted) return done();
    signal.addEventListener('abort', done, { once: true });
    stream.on('data', (d: Buffer) => {
      const room = max - size;
      if (room > 0) {
        chunks.push(d.length > room ? d.subarray(0, room) : d);
        size += Math.min(room, d.length);
      }
      if (size >= max) {
        truncated = true;
        done();
      }
    });
    stream.on('end', done);
    stream.on('error', done);
  });
}
