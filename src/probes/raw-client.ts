// One request/response exchange over a raw TCP or TLS socket, under the scan's limits:
// a slot from the shared limiter (global cap and per-host cap ≤ 4), a connect timeout, a hard
// total deadline (a slow-drip server is cut there), a byte cap, and the never-send guard.
// Never throws: failures come back as `error` with whatever bytes arrived.
import net from 'node:net';
import tls from 'node:tls';
import type { ScanContext } from '../core/module.js';
import { abortError, failureNote, rethrowUnless } from '../core/failure.js';
import { inspectRequest } from './never-send.js';

export const PER_HOST_MAX = 4;

export interface ExchangeOptions {
  host: string;
  port: number;
  tls?: boolean;
  /** Bytes to write once connected (checked by the never-send guard first). */
  request: Buffer | string;
  /** Stop reading once this says the reply is complete (e.g. Content-Length reached). */
  isComplete?: (data: Buffer) => boolean;
  maxBytes?: number;
  /** TLS only: end right after the handshake (certificate collected, nothing written). */
  handshakeOnly?: boolean;
  deadlineMs?: number;
  connectTimeoutMs?: number;
  /** Module name for stats. */
  module: string;
}

export interface ExchangeResult {
  data: Buffer;
  /** Reply ended normally (peer closed or complete). */
  ok: boolean;
  error?: string;
  timedOut: boolean;
  truncated: boolean;
  connected: boolean;
  elapsedMs: number;
  notes: string[];
  peerCertificate?: tls.DetailedPeerCertificate;
  tlsProtocol?: string | null;
  /** The handshake failed or stalled (a TLS port that is not TLS, or a stalled server). */
  tlsFailed?: boolean;
}

// Our own per-host count, so the ≤ 4 rule holds even if the shared limiter is built without one.
const perHost = new Map<string, number>();
const perHostWaiters = new Map<string, Array<() => void>>();

export async function hostSlot(host: string, max: number, signal: AbortSignal): Promise<() => void> {
  while ((perHost.get(host) ?? 0) >= max) {
    if (signal.aborted) throw abortError();
    await new Promise<void>((resolve) => {
      const list = perHostWaiters.get(host) ?? [];
      list.push(resolve);
      perHostWaiters.set(host, list);
    });
  }
  perHost.set(host, (perHost.get(host) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const n = (perHost.get(host) ?? 1) - 1;
    if (n <= 0) perHost.delete(host);
    else perHost.set(host, n);
    const w = perHostWaiters.get(host);
    const next = w?.shift();
    if (w && !w.length) perHostWaiters.delete(host);
    next?.();
  };
}

export async function exchange(ctx: ScanContext, o: ExchangeOptions): Promise<ExchangeResult> {
  const started = Date.now();
  const base: ExchangeResult = { data: Buffer.alloc(0), ok: false, timedOut: false, truncated: false, connected: false, elapsedMs: 0, notes: [] };
  const verdict = inspectRequest(o.request);
  if (!verdict.allowed) {
    ctx.stats.count(o.module, 'refusedNeverSend');
    return { ...base, error: `refused by never-send guard: ${verdict.reason}`, notes: [`request refused by never-send guard: ${verdict.reason}`] };
  }
  if (ctx.signal.aborted) return { ...base, error: 'aborted' };
  let release: (() => void) | null = null;
  let releaseHost: (() => void) | null = null;
  try {
    releaseHost = await hostSlot(o.host, Math.min(PER_HOST_MAX, ctx.limits.perHostConnections), ctx.signal);
    release = await ctx.limiter.acquire(o.host, ctx.signal);
  } catch (err) {
    releaseHost?.();
    rethrowUnless(err, 'ABORT_ERR'); // the scan stopped while this waited for a slot
    return { ...base, error: 'aborted' };
  }
  const deadlineMs = o.deadlineMs ?? ctx.limits.probeDeadlineMs;
  const connectMs = Math.min(o.connectTimeoutMs ?? ctx.limits.connectTimeoutMs, deadlineMs);
  const maxBytes = o.maxBytes ?? ctx.limits.maxBodyBytes + 64 * 1024;
  ctx.stats.count(o.module, 'connections');
  try {
    return await new Promise<ExchangeResult>((resolve) => {
      const t0 = Date.now();
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const r: ExchangeResult = { ...base };
      const socket: net.Socket = o.tls
        ? tls.connect({ host: o.host, port: o.port, rejectUnauthorized: false, ...(net.isIP(o.host) ? {} : { servername: o.host }) })
        : net.connect({ host: o.host, port: o.port });
      const finish = (ok: boolean, error?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        clearTimeout(deadlineTimer);
        ctx.signal.removeEventListener('abort', onAbort);
        socket.removeAllListeners('data');
        socket.on('error', () => {});
        socket.destroy();
        r.data = Buffer.concat(chunks, size);
        r.ok = ok;
        if (error) r.error = error;
        r.elapsedMs = Date.now() - t0;
        resolve(r);
      };
      const onAbort = (): void => finish(false, 'aborted');
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      const connectTimer = setTimeout(() => {
        if (!r.connected) {
          r.timedOut = true;
          r.notes.push(`connect timeout ${connectMs} ms`);
          finish(false, 'connect timeout');
        }
      }, connectMs);
      const deadlineTimer = setTimeout(() => {
        r.timedOut = true;
        r.notes.push(`deadline ${deadlineMs} ms reached`);
        if (o.tls && !r.peerCertificate) r.tlsFailed = true;
        finish(size > 0, size > 0 ? undefined : 'deadline reached');
      }, deadlineMs);
      const onConnected = (): void => {
        if (o.tls) {
          const ts = socket as tls.TLSSocket;
          try {
            const pc = ts.getPeerCertificate(true);
            if (pc && Object.keys(pc).length) r.peerCertificate = pc;
            r.tlsProtocol = ts.getProtocol();
          } catch (err) {
            // No certificate is still a result; the note says why there is none.
            r.notes.push(failureNote('peer certificate not read', err));
          }
        }
        if (o.handshakeOnly) {
          finish(true);
          return;
        }
        socket.write(o.request);
      };
      let handshakeTimer: NodeJS.Timeout | undefined;
      socket.once('connect', () => {
        r.connected = true;
        clearTimeout(connectTimer);
        if (!o.tls) onConnected();
        else {
          // A stalled handshake (a plain service waiting for a request line, or a tarpit) ends
          // after the connect timeout, not the whole deadline.
          handshakeTimer = setTimeout(() => {
            r.tlsFailed = true;
            r.timedOut = true;
            r.notes.push(`TLS handshake timeout ${connectMs} ms`);
            finish(false, 'tls handshake timeout');
          }, connectMs);
        }
      });
      socket.once('secureConnect', () => clearTimeout(handshakeTimer));
      socket.once('close', () => clearTimeout(handshakeTimer));
      if (o.tls) socket.once('secureConnect', onConnected);
      socket.on('data', (d: Buffer) => {
        const room = maxBytes - size;
        if (d.length >= room) {
          chunks.push(d.subarray(0, room));
          size += room;
          r.truncated = true;
          r.notes.push(`reply truncated at ${maxBytes} bytes`);
          finish(true);
          return;
        }
        chunks.push(d);
        size += d.length;
        if (o.isComplete?.(Buffer.concat(chunks, size))) finish(true);
      });
      socket.on('end', () => finish(true));
      socket.on('close', () => finish(size > 0 || r.connected));
      socket.on('error', (e: NodeJS.ErrnoException) => {
        if (o.tls && r.connected && !r.peerCertificate) r.tlsFailed = true;
        finish(size > 0, e.code ?? e.message);
      });
    });
  } finally {
    release();
    releaseHost();
    void started;
  }
}

/** Complete when the header block ended and Content-Length bytes (or a chunked terminator) arrived. */
export function httpLikeComplete(data: Buffer): boolean {
  const crlf = data.indexOf('\r\n\r\n');
  const lf = data.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
  if (end < 0) return false;
  const head = data.subarray(0, end).toString('latin1');
  const cl = /^content-length\s*:\s*(\d+)/im.exec(head);
  if (cl) return data.length - end >= Number(cl[1]);
  if (/^transfer-encoding\s*:\s*chunked/im.test(head)) return /(^|\r?\n)0\r?\n\r?\n$/.test(data.subarray(Math.max(end, data.length - 16)).toString('latin1'));
  // RTSP replies without a body end at the header block; HTTP without a length ends at close.
  return /^RTSP\//i.test(head);
}
