// Reads HTTP- or RTSP-style requests (request line, headers, Content-Length body) from a socket, bounded in
// size and time, one after another on the same connection.
import type { Socket } from 'node:net';
import { failureNote } from '../../core/failure.js';

export const HEAD_MAX = 16 * 1024;
export const BODY_MAX = 256 * 1024;
export const IDLE_MS = 15_000;

export interface WireRequest {
  method: string;
  target: string;
  version: string;
  /** Header lines as received: [name, value] in order. */
  headers: Array<[string, string]>;
  body: Buffer;
  /** Head + body bytes as received. */
  raw: Buffer;
}

export function header(req: WireRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  return req.headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

function findHeadEnd(buf: Buffer): { end: number; sep: number } | null {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return null;
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { end: crlf, sep: 4 };
  return { end: lf, sep: 2 };
}

export function parseHead(head: string): Omit<WireRequest, 'body' | 'raw'> | null {
  const lines = head.split(/\r?\n/);
  const m = /^([A-Za-z_-]{1,32}) (\S{1,8192}) ([A-Z]{2,8}\/\d\.\d)$/.exec(lines[0] ?? '');
  if (!m) return null;
  const headers: Array<[string, string]> = [];
  for (const l of lines.slice(1, 201)) {
    const i = l.indexOf(':');
    if (i > 0) headers.push([l.slice(0, i).trim(), l.slice(i + 1).trim()]);
  }
  return { method: m[1], target: m[2], version: m[3], headers };
}

/**
 * Calls `onRequest` for each request on the socket. It returns true to keep reading the next request.
 * Malformed or oversized input destroys the socket (and `onBad` is told why).
 */
export function readRequests(
  socket: Socket,
  onRequest: (req: WireRequest) => Promise<boolean> | boolean,
  onBad: (why: string, bytes: number) => void,
): void {
  let buf: Buffer = Buffer.alloc(0);
  let busy = false;
  let done = false;
  socket.setTimeout(IDLE_MS, () => socket.destroy());
  const finish = (): void => {
    done = true;
    socket.removeListener('data', onData);
  };
  const pump = async (): Promise<void> => {
    if (busy || done) return;
    const h = findHeadEnd(buf);
    if (!h) {
      if (buf.length > HEAD_MAX) {
        onBad(`request head over ${HEAD_MAX} bytes`, buf.length);
        finish();
        socket.destroy();
      }
      return;
    }
    const headText = buf.subarray(0, h.end).toString('latin1');
    const parsed = parseHead(headText.replace(/^(\r?\n)+/, ''));
    if (!parsed) {
      onBad('not a request line', buf.length);
      finish();
      socket.destroy();
      return;
    }
    const cl = Number(parsed.headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1] ?? 0);
    if (!Number.isInteger(cl) || cl < 0 || cl > BODY_MAX) {
      onBad(`content-length ${cl} not accepted`, buf.length);
      finish();
      socket.destroy();
      return;
    }
    const total = h.end + h.sep + cl;
    if (buf.length < total) return;
    const raw = buf.subarray(0, total);
    const req: WireRequest = { ...parsed, body: raw.subarray(h.end + h.sep), raw: Buffer.from(raw) };
    buf = buf.subarray(total);
    busy = true;
    socket.pause();
    let again = false;
    try {
      again = await onRequest(req);
    } catch (e) {
      onBad(failureNote('handler error', e), 0);
    }
    busy = false;
    if (!again || socket.destroyed) {
      finish();
      return;
    }
    socket.resume();
    if (buf.length) void pump();
  };
  const onData = (chunk: Buffer): void => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    void pump();
  };
  socket.on('data', onData);
  socket.on('error', () => socket.destroy());
}
