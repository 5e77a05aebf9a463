// Shared by the HTTP probes: which ports are web ports, the browser-like request, one GET with
// TLS detection, and turning a reply into an `http` observation.
import type { ScanContext } from '../core/module.js';
import { makeObservation, type Observation } from '../core/observation.js';
import { parseHttpResponse } from '../parsers/http.js';
import { parse as parseDocument } from '../parsers/doc.js';
import { exchange, httpLikeComplete, type ExchangeResult } from './raw-client.js';
import { RTSP_PORTS } from './rtsp.js';

export const WEB_PORTS = [80, 81, 82, 85, 88, 443, 8000, 8001, 8008, 8080, 8081, 8088, 8443, 8888, 8899, 9000, 9080, 10080, 10443, 7001, 4443, 2020];
export const TLS_FIRST_PORTS = new Set([443, 8443, 10443, 4443, 7443]);

export function webPorts(openPorts: readonly number[]): number[] {
  return openPorts.filter((p) => WEB_PORTS.includes(p)).slice(0, 16);
}

/** Open ports known to speak something other than HTTP: RTSP, and the Dahua/Xiongmai private protocols. */
export const NOT_HTTP_PORTS = new Set([...RTSP_PORTS, 37777, 37778, 34567, 34599]);

/**
 * Ports that get the `GET /` banner: the known web ports first, then any other open port not known to speak
 * something else (a port the user added with --ports may well be a web UI).
 */
export function bannerPorts(openPorts: readonly number[]): number[] {
  const known = webPorts(openPorts);
  const other = openPorts.filter((p) => !WEB_PORTS.includes(p) && !NOT_HTTP_PORTS.has(p));
  return [...known, ...other].slice(0, 16);
}

export type Scheme = 'http' | 'https';

export function browserRequest(ip: string, port: number, scheme: Scheme, path: string, method = 'GET'): string {
  const defaultPort = scheme === 'https' ? 443 : 80;
  const host = port === defaultPort ? ip : `${ip}:${port}`;
  return (
    `${method} ${path} HTTP/1.1\r\n` +
    `Host: ${host}\r\n` +
    'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36\r\n' +
    'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n' +
    'Accept-Language: en-GB,en;q=0.9\r\n' +
    'Connection: close\r\n\r\n'
  );
}

/** A plain-HTTP reply that says the port speaks TLS (alert bytes or the usual 400 text). */
export function looksLikeTls(r: ExchangeResult): boolean {
  const d = r.data;
  if (d.length >= 2 && d[0] === 0x15 && d[1] === 0x03) return true;
  return /plain HTTP request was sent to HTTPS|speaking plain HTTP to an SSL/i.test(d.subarray(0, 2048).toString('latin1'));
}

export interface GetResult {
  scheme: Scheme;
  result: ExchangeResult;
}

/** GET `path`, trying the likely scheme first and the other one when the reply says so. */
export async function getWithSchemeDetection(ctx: ScanContext, module: string, ip: string, port: number, path: string, preferred?: Scheme): Promise<GetResult> {
  const first: Scheme = preferred ?? (TLS_FIRST_PORTS.has(port) ? 'https' : 'http');
  const r1 = await get(ctx, module, ip, port, first, path);
  if (ctx.signal.aborted) return { scheme: first, result: r1 };
  // A TLS server drops a plain request without a byte (or with an alert); an HTTP server on a
  // TLS-first port fails the handshake.
  const retry = first === 'http' ? looksLikeTls(r1) || (r1.connected && !r1.data.length && !r1.timedOut) : !!r1.tlsFailed && !r1.data.length && r1.connected;
  if (!retry || preferred) return { scheme: first, result: r1 };
  const other: Scheme = first === 'http' ? 'https' : 'http';
  const r2 = await get(ctx, module, ip, port, other, path);
  if (r2.data.length) return { scheme: other, result: r2 };
  return { scheme: first, result: r1 };
}

export function get(ctx: ScanContext, module: string, ip: string, port: number, scheme: Scheme, path: string): Promise<ExchangeResult> {
  return exchange(ctx, { module, host: ip, port, tls: scheme === 'https', request: browserRequest(ip, port, scheme, path), isComplete: httpLikeComplete });
}

/**
 * The reply's body read as a document (parsers/doc.ts): vendor API shape (ISAPI namespace, userCheck, RPC2, LAPI,
 * Sofia) and identity keys, as one `doc` observation with the path it was fetched from; null when the body says
 * nothing of the kind. The scan path reads only what its own probes received.
 */
export function documentObservation(ip: string, module: string, port: number, reply: Observation): Observation | null {
  const body = reply.fields.body;
  if (reply.kind !== 'http' || typeof body !== 'string' || !body.trim()) return null;
  // A `parse` outcome (the reader failed on this body) is kept too: it carries the note saying why.
  const [d] = parseDocument(body);
  if (!d) return null;
  if (typeof reply.fields.path === 'string') d.fields.requestPath = reply.fields.path;
  return makeObservation(ip, module, d, { port });
}

/** Builds the `http` observation for one reply (nothing when nothing came back). */
export function httpObservation(ip: string, module: string, port: number, scheme: Scheme, path: string, r: ExchangeResult, extra: Record<string, string | string[]> = {}): Observation | null {
  if (!r.data.length) return null;
  const ev = parseHttpResponse(r.data, { assumeHttp: true, ...(r.truncated ? { truncatedAt: r.data.length } : {}) });
  if (!ev.length) return null;
  const e = ev[0];
  e.fields = { scheme, path, ...e.fields, ...extra };
  if (r.truncated) e.fields.bodyTruncated = true;
  return makeObservation(ip, module, e, { port, raw: r.data, notes: r.notes });
}
