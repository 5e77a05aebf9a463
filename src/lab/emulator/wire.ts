// Placeholder substitution and raw response bytes, exactly as stored in the profile.
import { randomBytes, randomUUID } from 'node:crypto';
import type { RawResponse } from '../profile.js';

export type Vars = Record<string, string>;

/** Replace `{{name}}` for the names in `vars`; unknown placeholders are left as written. */
export function fill(template: string, vars: Vars): string {
  return template.replace(/\{\{([A-Za-z]+)\}\}/g, (m, name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : m));
}

export function httpDate(d = new Date()): string {
  return d.toUTCString();
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The date form many camera RTSP servers send (`Sun, Apr 28 2024 06:49:17 GMT`, Hikvision/TP-Link captures). */
export function rtspDate(d = new Date()): string {
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

export function freshNonce(): string {
  return randomBytes(16).toString('hex');
}

export function freshMessageId(): string {
  return `urn:uuid:${randomUUID()}`;
}

export function eol(r: { lineEnding?: 'crlf' | 'lf' }): string {
  return r.lineEnding === 'lf' ? '\n' : '\r\n';
}

export function bodyBytes(r: RawResponse, vars: Vars): Buffer {
  if (r.bodyBase64 !== undefined) return Buffer.from(r.bodyBase64, 'base64');
  return Buffer.from(fill(r.body ?? '', vars), 'utf8');
}

/**
 * Wire bytes of a stored HTTP/RTSP response: status line, header lines in stored order and case, blank line,
 * body. `{{contentLength}}` is the body's byte length; `omitBody` for HEAD.
 */
export function renderResponse(r: RawResponse, vars: Vars, omitBody = false): Buffer {
  const body = bodyBytes(r, vars);
  const v: Vars = { date: httpDate(), rtspDate: rtspDate(), ...vars, contentLength: String(body.length) };
  const e = eol(r);
  const head = [fill(r.statusLine, v), ...r.headers.map((h) => fill(h, v))].join(e) + e + e;
  return omitBody ? Buffer.from(head, 'utf8') : Buffer.concat([Buffer.from(head, 'utf8'), body]);
}

/** Value of the first header `name` (case-insensitive) in header lines. */
export function headerValue(lines: string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0 && l.slice(0, i).trim().toLowerCase() === lower) return l.slice(i + 1).trim();
  }
  return undefined;
}

/** Device uuid for WS-Discovery when the profile gives none: stable, derived from the id. */
export function uuidFromId(id: string, hash: (s: string) => string): string {
  const h = hash(id);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
